import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { RedirectUris as Uris } from '../../shared/messages/contract';
import { send } from '../../shared/messages/client';
import { CopyButton } from '../../ui/CopyButton';

/** The redirect URIs an admin registers under "Single-page application" (docs/wire.md §4). */
export function RedirectUris() {
  const [uris, setUris] = useState<Uris | undefined>();
  useEffect(() => {
    void send({ type: 'redirectUris.get' }).then(setUris, () => undefined);
  }, []);
  if (!uris) return null;
  return (
    <div class="redirect-uris">
      <p>{t('redirectUrisHelp')}</p>
      <dl>
        <dt>{t('redirectChromium')}</dt>
        <dd>
          <code id="redirect-uri-chromium">{uris.chromium}</code> <CopyButton text={uris.chromium} />
        </dd>
        {uris.firefox && (
          <>
            <dt>{t('redirectFirefox')}</dt>
            <dd>
              <code id="redirect-uri-firefox">{uris.firefox}</code> <CopyButton text={uris.firefox} />
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
