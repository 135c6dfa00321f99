/** A problem shown next to the field it belongs to; the input points at it with aria-describedby. */
export function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <div class="field-error bad" id={id} role="alert">
      {text}
    </div>
  );
}
