import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { CloudAccessRole } from '../../shared/config/schema';
import type { Overview, UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText, problemText } from '../../ui/errors';
import { FieldError } from './FieldError';
import { ManagedBadge } from './ManagedBadge';

interface Props {
  overview: Overview;
  onSaved(overview: Overview): void;
}

const FIELDS = ['name', 'connection', 'scope', 'role'] as const;
type Field = (typeof FIELDS)[number];

const empty = (connection = ''): CloudAccessRole => ({ name: '', connection, scope: '', role: '' });

/**
 * docs/design.md §4 `cloudAccessRoles`: the roles an admin curates. The worker merges them into each
 * user's catalog; one the user does not hold shows what to ask the administrator for.
 */
export function CloudAccessRoles({ overview, onSaved }: Props) {
  const locked = overview.managedKeys.includes('cloudAccessRoles');
  const saved = overview.config.cloudAccessRoles;
  const [rows, setRows] = useState<CloudAccessRole[]>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<UiError | undefined>();
  const [done, setDone] = useState(false);
  const savedJson = JSON.stringify(saved);
  useEffect(() => setRows(JSON.parse(savedJson) as CloudAccessRole[]), [savedJson]);
  const connections = overview.connections.map((view) => view.connection);

  const update = (index: number, field: Field, value: string) => {
    setDone(false);
    setRows(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setFormError(undefined);
    setDone(false);
    try {
      onSaved(await send({ type: 'config.set', key: 'cloudAccessRoles', value: rows }));
      setDone(true);
    } catch (e) {
      const error = failureOf(e);
      const key = error.detail?.key ?? '';
      if (error.code === 'config_invalid' && key.startsWith('cloudAccessRoles.')) {
        const [, index, field] = key.split('.');
        setErrors({ [`${index}.${field ?? 'name'}`]: problemText(error.detail?.problem ?? '') });
      } else setFormError(error);
    }
  };
  const inputId = (index: number, field: Field) => `role-${index}-${field}`;
  const errorId = (index: number, field: Field) => `${inputId(index, field)}-error`;

  return (
    <section aria-labelledby="roles-heading" id="cloud-access-roles">
      <h2 id="roles-heading">
        {t('rolesHeading')} {locked && <ManagedBadge configKey="cloudAccessRoles" />}
      </h2>
      <p class="muted help">{t('rolesHelp')}</p>
      <form onSubmit={save}>
        <fieldset disabled={locked}>
          {rows.length === 0 && <p class="muted">{t('rolesNone')}</p>}
          <ol class="role-rows">
            {rows.map((row, index) => (
              <li key={index} class="role-row" data-role-index={index}>
                {FIELDS.map((field) => {
                  const err = errors[`${index}.${field}`];
                  const common = {
                    id: inputId(index, field),
                    name: field,
                    'aria-describedby': err ? errorId(index, field) : undefined,
                    'aria-invalid': err ? true : undefined,
                  };
                  return (
                    <div class="field" key={field}>
                      <label for={inputId(index, field)}>{t(`roleField_${field}`)}</label>
                      {field === 'connection' ? (
                        <select
                          {...common}
                          value={row.connection}
                          onChange={(e) => update(index, field, e.currentTarget.value)}
                        >
                          <option value="">{t('roleChooseConnection')}</option>
                          {connections.map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.displayName}
                            </option>
                          ))}
                          {row.connection && !connections.some((c) => c.id === row.connection) && (
                            <option value={row.connection}>{row.connection}</option>
                          )}
                        </select>
                      ) : (
                        <input
                          {...common}
                          value={row[field]}
                          placeholder={field === 'scope' ? '/subscriptions/…/resourceGroups/…' : undefined}
                          onInput={(e) => update(index, field, e.currentTarget.value)}
                        />
                      )}
                      {field === 'role' && <div class="muted help">{t('roleField_roleHelp')}</div>}
                      <FieldError id={errorId(index, field)} text={err} />
                    </div>
                  );
                })}
                <button
                  type="button"
                  class="remove-role"
                  aria-label={t('removeNamed', [row.name || String(index + 1)])}
                  onClick={() => {
                    setDone(false);
                    setRows(rows.filter((_, i) => i !== index));
                  }}
                >
                  {t('remove')}
                </button>
              </li>
            ))}
          </ol>
          <div class="form-actions">
            <button
              type="button"
              id="add-role"
              onClick={() => {
                setDone(false);
                setRows([...rows, empty(connections[0]?.id)]);
              }}
            >
              {t('roleAdd')}
            </button>
            <button type="submit" class="primary" id="save-roles">
              {t('rolesSave')}
            </button>
          </div>
        </fieldset>
      </form>
      {done && (
        <p class="message ok" role="status" id="roles-saved">
          {t('saved')}
        </p>
      )}
      {formError && (
        <div class="message bad" role="alert">
          {errorText(formError)}
        </div>
      )}
    </section>
  );
}
