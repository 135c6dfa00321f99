export function Spinner({ label }: { label: string }) {
  return <span class="spinner" role="progressbar" aria-label={label} />;
}
