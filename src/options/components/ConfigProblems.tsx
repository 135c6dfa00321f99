import { t } from '../../shared/i18n';
import type { Overview } from '../../shared/messages/contract';
import { problemText } from '../../ui/errors';

/**
 * A configuration layer that does not validate is reported here, key by key. A bad policy never
 * lifts a good one: the last valid managed settings stay in force (docs/design.md §4).
 */
export function ConfigProblems({ overview }: { overview: Overview }) {
  if (overview.configProblems.length === 0) return null;
  return (
    <section class="config-problems" aria-labelledby="config-problems-heading" id="config-problems">
      {overview.configProblems.map(({ source, problems }) => (
        <div class="message bad" role="alert" data-source={source} key={source}>
          <strong id="config-problems-heading">
            {source === 'managed' ? t('managedPolicyInvalid') : t('optionsLayerInvalid')}
          </strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i} data-key={p.key}>
                <code>{p.key || t('wholeFile')}</code>: {problemText(p.problem, p.limit)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
