import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';

export function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" class="copy" onClick={copy} aria-label={t('copyNamed', [text])}>
      {copied ? t('copied') : t('copy')}
    </button>
  );
}
