import { t } from '../shared/i18n';
import type { UiError } from '../shared/messages/contract';
import { errorText } from './errors';
import { Spinner } from './Spinner';

/** The page-level error, or the loading line until the first overview arrives. */
export function PageStatus({ error, loaded }: { error?: UiError; loaded: boolean }) {
  if (error) {
    return (
      <div class="message bad" role="alert">
        {errorText(error)}
      </div>
    );
  }
  if (loaded) return null;
  return (
    <p role="status">
      <Spinner label={t('loading')} />
      {t('loading')}
    </p>
  );
}
