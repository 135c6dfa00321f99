import { useState } from 'preact/hooks';
import { browser } from '../../shared/browser';
import { t } from '../../shared/i18n';
import { NAMED_CLOUDS, type Connection } from '../../shared/config/schema';
import type { Overview, UiError } from '../../shared/messages/contract';
import { RequestFailed, send } from '../../shared/messages/client';
import { errorText, problemText } from '../../ui/errors';

interface Props {
  onSaved(overview: Overview): void;
  disabled: boolean;
}

type CloudChoice = (typeof NAMED_CLOUDS)[number] | 'custom';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'connection';

/** Field a config error belongs to, from its dot path (`cloud.login` → the login host field). */
function fieldOf(key: string): string {
  if (key.startsWith('app')) return 'clientId';
  if (key.startsWith('cloud.')) return key.slice('cloud.'.length);
  return key.split('.')[0] ?? '';
}

/** The simple way to connect a tenant: name, tenant, cloud, and the app's client ID. */
export function AddConnection({ onSaved, disabled }: Props) {
  const [displayName, setDisplayName] = useState('');
  const [tenant, setTenant] = useState('');
  const [cloud, setCloud] = useState<CloudChoice>('AzureCloud');
  const [hosts, setHosts] = useState({ login: '', arm: '', portal: '' });
  const [appModel, setAppModel] = useState<'customer' | 'publisher'>('customer');
  const [clientId, setClientId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<UiError | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setFormError(undefined);
    const connection: Connection = {
      id: `${slug(displayName || tenant)}-${Date.now().toString(36)}`,
      displayName: displayName.trim() || tenant.trim(),
      tenant: tenant.trim(),
      cloud: cloud === 'custom' ? { ...hosts } : cloud,
      app: appModel === 'publisher' ? 'publisher' : { clientId: clientId.trim() },
    };
    setSaving(true);
    try {
      if (cloud === 'custom') {
        // Custom hosts are granted one by one, at the moment the admin adds them.
        const origins = [hosts.login, hosts.arm].map((h) => {
          try {
            return `${new URL(h).origin}/*`;
          } catch {
            return '';
          }
        });
        if (origins.every(Boolean)) {
          const granted = await browser.permissions.request({ origins });
          if (!granted) {
            setFormError({ code: 'host_permission_refused' });
            return;
          }
        }
      }
      onSaved(await send({ type: 'connection.save', connection }));
      setDisplayName('');
      setTenant('');
      setClientId('');
    } catch (e) {
      const error = e instanceof RequestFailed ? e.error : { code: 'unexpected' };
      if (error.code === 'config_invalid' && error.detail?.key) {
        setErrors({ [fieldOf(error.detail.key)]: problemText(error.detail.problem ?? '') });
      } else setFormError(error);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: string, label: string, input: preact.JSX.Element, help?: string) => (
    <div class="field">
      <label for={`conn-${name}`}>{label}</label>
      {input}
      {help && <div class="muted help">{help}</div>}
      {errors[name] && (
        <div class="field-error bad" id={`conn-${name}-error`} role="alert">
          {errors[name]}
        </div>
      )}
    </div>
  );
  const described = (name: string) => (errors[name] ? `conn-${name}-error` : undefined);

  return (
    <form class="add-connection" onSubmit={submit} aria-labelledby="add-connection-heading">
      <h3 id="add-connection-heading">{t('addConnection')}</h3>
      <fieldset disabled={disabled || saving}>
        {field(
          'displayName',
          t('fieldDisplayName'),
          <input
            id="conn-displayName"
            value={displayName}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
            aria-describedby={described('displayName')}
          />,
        )}
        {field(
          'tenant',
          t('fieldTenant'),
          <input
            id="conn-tenant"
            required
            placeholder="contoso.onmicrosoft.com"
            value={tenant}
            onInput={(e) => setTenant(e.currentTarget.value)}
            aria-describedby={described('tenant')}
          />,
          t('fieldTenantHelp'),
        )}
        {field(
          'cloud',
          t('fieldCloud'),
          <select
            id="conn-cloud"
            value={cloud}
            onChange={(e) => setCloud(e.currentTarget.value as CloudChoice)}
          >
            <option value="AzureCloud">{t('cloudAzure')}</option>
            <option value="AzureUSGovernment">{t('cloudUsGov')}</option>
            <option value="AzureChinaCloud">{t('cloudChina')}</option>
            <option value="custom">{t('cloudCustom')}</option>
          </select>,
        )}
        {cloud === 'custom' &&
          (['login', 'arm', 'portal'] as const).map((host) =>
            field(
              host,
              t(`fieldHost_${host}`),
              <input
                id={`conn-${host}`}
                type="url"
                required
                value={hosts[host]}
                onInput={(e) => setHosts({ ...hosts, [host]: e.currentTarget.value })}
                aria-describedby={described(host)}
              />,
            ),
          )}
        <fieldset class="app-model">
          <legend>{t('fieldAppModel')}</legend>
          <label>
            <input
              type="radio"
              name="app-model"
              value="customer"
              checked={appModel === 'customer'}
              onChange={() => setAppModel('customer')}
            />
            {t('appCustomer')}
          </label>
          <label>
            <input
              type="radio"
              name="app-model"
              value="publisher"
              checked={appModel === 'publisher'}
              onChange={() => setAppModel('publisher')}
            />
            {t('appPublisher')}
          </label>
        </fieldset>
        {appModel === 'customer' &&
          field(
            'clientId',
            t('fieldClientId'),
            <input
              id="conn-clientId"
              required
              placeholder="00000000-0000-0000-0000-000000000000"
              value={clientId}
              onInput={(e) => setClientId(e.currentTarget.value)}
              aria-describedby={described('clientId')}
            />,
            t('fieldClientIdHelp'),
          )}
        <button type="submit" class="primary" id="conn-save">
          {t('saveConnection')}
        </button>
      </fieldset>
      {formError && (
        <div class="message bad" role="alert">
          {errorText(formError)}
        </div>
      )}
    </form>
  );
}
