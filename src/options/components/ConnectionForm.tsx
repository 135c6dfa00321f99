import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { browser } from '../../shared/browser';
import { t } from '../../shared/i18n';
import { BUILD } from '../../shared/config/build';
import { NAMED_CLOUDS, isGuid, type Connection } from '../../shared/config/schema';
import type { Overview, UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText, problemText } from '../../ui/errors';
import { FieldError } from './FieldError';
import { originsToGrant } from '../host-origins';

interface Props {
  /** The connection being edited; absent when adding one. */
  initial?: Connection;
  onSaved(overview: Overview): void;
  onCancel?(): void;
}

type CloudChoice = (typeof NAMED_CLOUDS)[number] | 'custom';
type HostField = 'login' | 'arm' | 'portal';
type EndpointField = 'authorization' | 'token' | 'jwks' | 'issuer';

const HOSTS: HostField[] = ['login', 'arm', 'portal'];
const ENDPOINTS: EndpointField[] = ['authorization', 'token', 'jwks', 'issuer'];

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'connection';

/**
 * A client secret, not a client ID: long, no spaces, and not made of a GUID's hex digits and
 * dashes (Entra secrets look like `Abc8Q~…`, 40 characters).
 */
export function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  return v.length >= 24 && !/\s/.test(v) && !/^[0-9a-f-]+$/i.test(v) && !isGuid(v);
}

/** The form field a config problem belongs to, from its dot path (`cloud.login` → login host). */
export function fieldOf(key: string): string {
  const path = key.replace(/^connections\.\d+\./, '');
  if (path.startsWith('app')) return 'clientId';
  if (path.startsWith('cloud.')) return path.slice('cloud.'.length);
  if (path.startsWith('endpoints.')) return path.slice('endpoints.'.length);
  if (path === 'endpoints') return 'authorization';
  return path.split('.')[0] ?? '';
}

/** Origins the worker will fetch for this connection: granted now, from the click, if not yet. */
/**
 * Adds or edits a tenant connection (docs/design.md §3 journey 6): tenant by domain or GUID, cloud,
 * app model, optional explicit endpoints. A pasted client secret is explained and dropped: it is
 * never kept in the page's state, stored, or sent to the worker.
 */
export function ConnectionForm({ initial, onSaved, onCancel }: Props) {
  const initialCloud = initial?.cloud;
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '');
  const [tenant, setTenant] = useState(initial?.tenant ?? '');
  const [cloud, setCloud] = useState<CloudChoice>(
    initialCloud === undefined ? 'AzureCloud' : typeof initialCloud === 'string' ? initialCloud : 'custom',
  );
  const [hosts, setHosts] = useState<Record<HostField, string>>(
    initialCloud && typeof initialCloud !== 'string'
      ? { ...initialCloud }
      : { login: '', arm: '', portal: '' },
  );
  const [appModel, setAppModel] = useState<'customer' | 'publisher'>(
    initial?.app === 'publisher' ? 'publisher' : 'customer',
  );
  const [clientId, setClientId] = useState(
    initial && initial.app !== 'publisher' ? initial.app.clientId : '',
  );
  const [secretRefused, setSecretRefused] = useState<'secret' | 'clientId' | undefined>();
  const [explicit, setExplicit] = useState(initial?.endpoints !== undefined);
  const [endpoints, setEndpoints] = useState<Record<EndpointField, string>>(
    initial?.endpoints ? { ...initial.endpoints } : { authorization: '', token: '', jwks: '', issuer: '' },
  );
  const [loginHint, setLoginHint] = useState(initial?.loginHint ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<UiError | undefined>();
  const [saving, setSaving] = useState(false);
  const prefix = initial ? `edit-${initial.id}` : 'conn';
  const idOf = (name: string) => `${prefix}-${name}`;
  const publisherAvailable = BUILD.publisherClientId !== '';

  const draft = (): Connection => {
    const connection: Connection = {
      id: initial?.id ?? `${slug(displayName || tenant)}-${Date.now().toString(36)}`,
      displayName: displayName.trim() || tenant.trim(),
      tenant: tenant.trim(),
      cloud: cloud === 'custom' ? { ...hosts } : cloud,
      app: appModel === 'publisher' ? 'publisher' : { clientId: clientId.trim() },
    };
    if (explicit) connection.endpoints = { ...endpoints };
    if (loginHint.trim()) connection.loginHint = loginHint.trim();
    return connection;
  };

  const fail = (error: UiError) => {
    if (error.code === 'config_invalid' && error.detail?.key !== undefined && error.detail.key !== '') {
      setErrors({ [fieldOf(error.detail.key)]: problemText(error.detail.problem ?? '') });
    } else if (error.code === 'tenant_not_found') {
      setErrors({ tenant: errorText(error, { tenant: tenant.trim() }) });
    } else setFormError(error);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setFormError(undefined);
    const connection = draft();
    setSaving(true);
    try {
      // Custom hosts are granted at the moment the admin adds them: the request must come from
      // this click, before anything else is awaited.
      const origins = originsToGrant(connection);
      if (origins.length && !(await browser.permissions.request({ origins }).catch(() => false))) {
        setFormError({ code: 'host_permission_refused' });
        return;
      }
      try {
        await send({ type: 'tenant.resolve', connection });
      } catch (e) {
        const error = failureOf(e);
        // Only a definite answer stops the save; an unreachable host is shown on the saved entry.
        if (error.code === 'tenant_not_found' || error.code === 'config_invalid') return fail(error);
      }
      const overview = await send({ type: 'connection.save', connection });
      onSaved(overview);
      if (!initial) {
        setDisplayName('');
        setTenant('');
        setClientId('');
        setSecretRefused(undefined);
      }
    } catch (e) {
      fail(failureOf(e));
    } finally {
      setSaving(false);
    }
  };

  const described = (name: string) => (errors[name] ? `${idOf(name)}-error` : undefined);
  const field = (name: string, label: string, input: JSX.Element, help?: string) => (
    <div class="field" key={name}>
      <label for={idOf(name)}>{label}</label>
      {input}
      {help && <div class="muted help">{help}</div>}
      <FieldError id={`${idOf(name)}-error`} text={errors[name]} />
    </div>
  );
  const text = (
    name: string,
    value: string,
    set: (v: string) => void,
    extra: Record<string, unknown> = {},
  ) => (
    <input
      id={idOf(name)}
      name={name}
      value={value}
      onInput={(e) => set(e.currentTarget.value)}
      aria-describedby={described(name)}
      aria-invalid={errors[name] ? true : undefined}
      {...extra}
    />
  );

  // The secret is never held: the field is emptied as soon as something is typed or pasted.
  const refuseSecret = (source: 'secret' | 'clientId') => (e: JSX.TargetedEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (source === 'clientId') {
      if (!looksLikeSecret(input.value)) return setClientId(input.value);
      setClientId('');
    }
    if (input.value) setSecretRefused(source);
    input.value = '';
  };
  const secretExplained = (source: 'secret' | 'clientId') =>
    secretRefused === source && (
      <div class="message warn secret-explained" id={idOf(`${source}-secret-note`)} role="alert">
        {t('secretNotUsed')}
      </div>
    );

  return (
    <form
      class="connection-form"
      onSubmit={submit}
      aria-labelledby={idOf('heading')}
      data-mode={initial ? 'edit' : 'add'}
    >
      <h3 id={idOf('heading')}>
        {initial ? t('editConnectionNamed', [initial.displayName]) : t('addConnection')}
      </h3>
      <fieldset disabled={saving}>
        {field('displayName', t('fieldDisplayName'), text('displayName', displayName, setDisplayName))}
        {field(
          'tenant',
          t('fieldTenant'),
          text('tenant', tenant, setTenant, { required: true, placeholder: 'contoso.onmicrosoft.com' }),
          t('fieldTenantHelp'),
        )}
        {field(
          'cloud',
          t('fieldCloud'),
          <select
            id={idOf('cloud')}
            name="cloud"
            value={cloud}
            onChange={(e) => setCloud(e.currentTarget.value as CloudChoice)}
          >
            <option value="AzureCloud">{t('cloudAzure')}</option>
            <option value="AzureUSGovernment">{t('cloudUsGov')}</option>
            <option value="AzureChinaCloud">{t('cloudChina')}</option>
            <option value="custom">{t('cloudCustom')}</option>
          </select>,
          cloud === 'custom' ? t('cloudCustomHelp') : undefined,
        )}
        {cloud === 'custom' &&
          HOSTS.map((host) =>
            field(
              host,
              t(`fieldHost_${host}`),
              text(host, hosts[host], (value) => setHosts({ ...hosts, [host]: value }), {
                type: 'url',
                required: true,
                placeholder: 'https://',
              }),
            ),
          )}
        <fieldset class="app-model">
          <legend>{t('fieldAppModel')}</legend>
          <label>
            <input
              type="radio"
              name={`${prefix}-app-model`}
              value="customer"
              checked={appModel === 'customer'}
              onChange={() => setAppModel('customer')}
            />
            {t('appCustomer')}
          </label>
          <label>
            <input
              type="radio"
              name={`${prefix}-app-model`}
              value="publisher"
              disabled={!publisherAvailable}
              checked={appModel === 'publisher'}
              onChange={() => setAppModel('publisher')}
            />
            {t('appPublisher')}
          </label>
          <div class="muted help">
            {publisherAvailable
              ? t('appPublisherHelp', [BUILD.publisherClientId])
              : t('appPublisherUnavailable')}
          </div>
        </fieldset>
        {appModel === 'customer' && (
          <>
            {field(
              'clientId',
              t('fieldClientId'),
              <input
                id={idOf('clientId')}
                name="clientId"
                required
                autocomplete="off"
                placeholder="00000000-0000-0000-0000-000000000000"
                value={clientId}
                onInput={refuseSecret('clientId')}
                aria-describedby={described('clientId')}
              />,
              t('fieldClientIdHelp'),
            )}
            {secretExplained('clientId')}
            <div class="field">
              <label for={idOf('secret')}>{t('fieldClientSecret')}</label>
              <input
                id={idOf('secret')}
                name="secret"
                type="password"
                autocomplete="off"
                value=""
                onInput={refuseSecret('secret')}
              />
            </div>
            {secretExplained('secret')}
          </>
        )}
        <fieldset class="advanced">
          <legend>{t('advanced')}</legend>
          <label>
            <input
              type="checkbox"
              id={idOf('explicit')}
              checked={explicit}
              onChange={(e) => setExplicit(e.currentTarget.checked)}
            />
            {t('fieldExplicitEndpoints')}
          </label>
          <div class="muted help">{t('fieldExplicitEndpointsHelp')}</div>
          {explicit &&
            ENDPOINTS.map((name) =>
              field(
                name,
                t(`fieldEndpoint_${name}`),
                text(name, endpoints[name], (value) => setEndpoints({ ...endpoints, [name]: value }), {
                  required: true,
                  placeholder: 'https://',
                }),
              ),
            )}
          {field(
            'loginHint',
            t('fieldLoginHint'),
            text('loginHint', loginHint, setLoginHint, { placeholder: 'user@contoso.com' }),
          )}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary" id={idOf('save')}>
            {initial ? t('saveChanges') : t('saveConnection')}
          </button>
          {onCancel && (
            <button type="button" id={idOf('cancel')} onClick={onCancel}>
              {t('cancel')}
            </button>
          )}
        </div>
      </fieldset>
      {formError && (
        <div class="message bad form-error" role="alert">
          {errorText(formError)}
        </div>
      )}
    </form>
  );
}
