import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { ConfigKey } from '../../shared/config/schema';
import type { Overview, UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText } from '../../ui/errors';
import { CONFIG_LIMITS } from '../../shared/config/limits';
import { problemDetail, textSizeProblem } from '../../shared/config/validate';
import { browser } from '../../shared/browser';
import { originsInImport } from '../host-origins';

interface Props {
  overview: Overview;
  onSaved(overview: Overview): void;
}

export const EXPORT_FILE_NAME = 'cloud-access-config.json';

/**
 * The options layer as a JSON file in the §4 schema. Import replaces it as a whole or, when the
 * file has a problem, changes nothing and names the key and the problem. A file whose connections
 * name hosts the extension has no permission for says which, and imports only once they are granted.
 */
export function ImportExport({ overview, onSaved }: Props) {
  const [exported, setExported] = useState<ConfigKey[] | undefined>();
  const [imported, setImported] = useState<{ overridden: ConfigKey[] } | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  /** A file that names hosts not granted yet: imported only from the click that grants them. */
  const [needsHosts, setNeedsHosts] = useState<{ text: string; origins: string[] } | undefined>();
  const managed = overview.managedKeys;

  const download = async () => {
    setError(undefined);
    try {
      const { json, managedKeys } = await send({ type: 'config.export' });
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = EXPORT_FILE_NAME;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setExported(managedKeys);
    } catch (e) {
      setError(failureOf(e));
    }
  };

  const upload = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(undefined);
    setImported(undefined);
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so a larger file is over the limit before it is
    // read: a hostile file is refused without being loaded into the page.
    const text = file.size > 3 * CONFIG_LIMITS.fileChars ? undefined : await file.text();
    const tooLarge =
      text === undefined
        ? { key: '', problem: 'file_too_large', limit: CONFIG_LIMITS.fileChars }
        : textSizeProblem(text);
    if (text === undefined || tooLarge) {
      if (tooLarge) setError({ code: 'config_invalid', detail: problemDetail(tooLarge) });
      return;
    }
    const missing = await ungranted(originsInImport(text));
    if (missing.length) {
      setNeedsHosts({ text, origins: missing });
      return;
    }
    await importText(text);
  };

  const importText = async (text: string) => {
    try {
      const result = await send({ type: 'config.import', text });
      setImported({ overridden: result.overridden });
      onSaved(result.overview);
    } catch (e) {
      setError(failureOf(e));
    }
  };

  const grantAndImport = async () => {
    if (!needsHosts) return;
    const { text, origins } = needsHosts;
    setNeedsHosts(undefined);
    // Asked in this click, before anything else is awaited: Chromium grants only from a user gesture.
    const granted = await browser.permissions.request({ origins }).catch(() => false);
    if (!granted) {
      setError({ code: 'import_host_permission_refused' });
      return;
    }
    await importText(text);
  };

  return (
    <section aria-labelledby="import-export-heading" id="import-export">
      <h2 id="import-export-heading">{t('importExportHeading')}</h2>
      <p class="muted help">{t('importExportHelp')}</p>
      {managed.length > 0 && (
        <p class="message warn" id="export-managed-note">
          {t('exportManagedNote', [managed.join(', ')])}
        </p>
      )}
      <div class="form-actions">
        <button type="button" id="export-config" onClick={download}>
          {t('exportConfig')}
        </button>
        <label class="file-button">
          {t('importConfig')}
          <input type="file" id="import-file" accept="application/json,.json" onChange={upload} />
        </label>
      </div>
      {exported && (
        <p class="message ok" role="status" id="export-done">
          {t('exportDone', [EXPORT_FILE_NAME])}
        </p>
      )}
      {imported && (
        <p class="message ok" role="status" id="import-done">
          {imported.overridden.length
            ? t('importDoneOverridden', [imported.overridden.join(', ')])
            : t('importDone')}
        </p>
      )}
      {needsHosts && (
        <div class="message warn" role="alert" id="import-hosts">
          <p>{t('importNeedsHosts', [needsHosts.origins.map((o) => o.replace(/\/\*$/, '')).join(', ')])}</p>
          <div class="form-actions">
            <button type="button" class="primary" id="import-grant" onClick={grantAndImport}>
              {t('importGrantAndImport')}
            </button>
            <button type="button" id="import-cancel" onClick={() => setNeedsHosts(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <div class="message bad" role="alert" id="import-error" data-error={error.code}>
          {error.code === 'config_invalid' ? t('importRefused', [errorText(error)]) : errorText(error)}
        </div>
      )}
    </section>
  );
}

async function ungranted(origins: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const origin of origins) {
    const has = await browser.permissions.contains({ origins: [origin] }).catch(() => false);
    if (!has) missing.push(origin);
  }
  return missing;
}
