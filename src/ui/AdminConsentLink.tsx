import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { send } from '../shared/messages/client';
import { CopyButton } from './CopyButton';

/**
 * The admin-consent link of a connection, with a copy button, to hand to an administrator of the
 * tenant. Used on the options page and in the popup's "consent required" message.
 */
export function AdminConsentLink({ connectionId, url }: { connectionId: string; url?: string }) {
  const [fetched, setFetched] = useState<string | undefined>();
  useEffect(() => {
    if (url) return;
    void send({ type: 'consent.url', connectionId }).then(
      (r) => setFetched(r.url),
      () => setFetched(undefined),
    );
  }, [connectionId, url]);
  const link = url ?? fetched;
  if (!link) return null;
  return (
    <div class="consent-link">
      <div class="muted">{t('consentLinkForAdmin')}</div>
      <code class="consent-url" style={{ wordBreak: 'break-all' }}>
        {link}
      </code>{' '}
      <CopyButton text={link} />
    </div>
  );
}
