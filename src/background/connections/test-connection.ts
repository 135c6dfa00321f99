import { AuthError } from '../auth';
import type { Connection } from '../../shared/config/schema';
import { hostsOf } from '../../shared/config/clouds';
import type { ArmProbe, TestReport, TestStep } from '../../shared/messages/admin-contract';
import type { UiError } from '../../shared/messages/contract';
import { ArmError } from '../arm/errors';
import { processSubscriptionsResponse, subscriptionsRequest } from '../arm/subscriptions';
import type { LinkDeps } from '../link/deps';
import { resolveAuthority } from '../link/authority';
import { signIn } from '../link/sign-in';
import { toUiError } from '../errors/to-ui-error';

/** What Test connection needs: the link dependencies minus storage (it stores nothing). */
export type TestDeps = Pick<LinkDeps, 'fetch' | 'identity' | 'now' | 'publisherClientId'>;

/** The change that fixes a failure, by error code (`fix_<code>` in _locales). */
const FIX_BY_CODE: Record<string, string> = {
  redirect_mismatch: 'register_redirect',
  spa_registration_required: 'register_redirect',
  spa_origin_missing: 'register_redirect',
  client_not_found: 'client_id',
  consent_required: 'admin_consent',
  wrong_tenant: 'endpoints',
  invalid_id_token: 'endpoints',
  state_mismatch: 'retry',
  tenant_not_found: 'tenant',
  network: 'hosts',
  cancelled: 'retry',
  server_error: 'retry',
  account_not_in_tenant: 'account',
  account_not_found: 'account',
  account_disabled: 'account',
  blocked_by_policy: 'account',
  interaction_required: 'retry',
  login_required: 'retry',
};

export function fixFor(step: TestStep, error: UiError): string | undefined {
  // Entra shows some errors (unknown client ID, unregistered redirect URI) on its own page in the
  // window instead of redirecting: the extension cannot read them, only that the window was closed.
  if (step === 'sign_in_window') return 'window_closed';
  if (error.code === 'protocol' && /endpoint|issuer|metadata/.test(error.detail?.reason ?? ''))
    return 'endpoints';
  if (step === 'discovery' && error.code === 'protocol') return 'tenant';
  return FIX_BY_CODE[error.code];
}

/** ARM's answer to one `GET /subscriptions`, as the page shows it: a count, or the refusal. */
export async function probeArm(
  connection: Connection,
  accessToken: string,
  fetchFn: TestDeps['fetch'],
): Promise<ArmProbe> {
  try {
    const page = await processSubscriptionsResponse(
      await subscriptionsRequest({
        armBase: hostsOf(connection.cloud).arm,
        accessToken,
        fetch: (url, init) => fetchFn(url, init),
      }),
    );
    return { ok: true, subscriptions: page.items.length, more: page.next !== undefined };
  } catch (error) {
    if (error instanceof ArmError) {
      const probe: ArmProbe = { ok: false, status: error.status, code: error.code };
      if (error.detail.armCode) probe.armCode = error.detail.armCode;
      return probe;
    }
    return { ok: false, status: 0, code: 'network' };
  }
}

/**
 * Test connection (docs/design.md §3 journey 6): runs the connection's sign-in (interactive, account picker), validates the ID
 * token, reads the basic profile and asks ARM once. Stores nothing: no link, no token, no flow
 * state. The dependencies are wrapped to learn how far the sign-in got, so a failure names its step.
 */
export async function testConnection(
  connection: Connection,
  deps: TestDeps,
  consentUrl: () => string | undefined,
): Promise<TestReport> {
  let step: TestStep = 'discovery';
  let jwksUri: string | undefined;
  const tracked = {
    ...deps,
    identity: {
      redirectUri: () => deps.identity.redirectUri(),
      launch: async (url: string, interactive: boolean) => {
        step = 'sign_in_window';
        const redirectedTo = await deps.identity.launch(url, interactive);
        step = 'authorization_response';
        return redirectedTo;
      },
    },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const target = input instanceof Request ? input.url : String(input);
      if (step === 'authorization_response') step = 'token_redemption';
      if (jwksUri && target === jwksUri) step = 'id_token_validation';
      return deps.fetch(input, init);
    },
  };

  const failed = (error: unknown): TestReport => {
    if (
      step === 'token_redemption' &&
      error instanceof AuthError &&
      (error.code === 'invalid_id_token' || error.code === 'wrong_tenant')
    )
      step = 'id_token_validation';
    const ui = toUiError(error);
    const fix = fixFor(step, ui);
    const report: TestReport = { ok: false, step, error: ui };
    if (fix) report.fix = fix;
    if (fix === 'admin_consent') {
      const url = consentUrl();
      if (url) report.consentUrl = url;
    }
    return report;
  };

  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    jwksUri = (await resolveAuthority(connection, tracked)).jwksUri;
    // signIn reads only these members; the rest of LinkDeps is storage it must not touch here.
    result = await signIn(connection, tracked as unknown as LinkDeps, {
      interactive: true,
      prompt: 'select_account',
    });
  } catch (error) {
    return failed(error);
  }

  const { claims, tokens } = result;
  const report: TestReport = {
    ok: true,
    step: 'arm',
    claims: {
      tid: claims.tid,
      oid: claims.oid,
      ...(claims.preferredUsername ? { username: claims.preferredUsername } : {}),
      ...(claims.name ? { name: claims.name } : {}),
    },
  };
  report.arm = await probeArm(connection, tokens.accessToken, deps.fetch);
  if (!report.arm.ok) {
    report.ok = false;
    report.fix =
      report.arm.status === 401 ? 'arm_token' : report.arm.status === 0 ? 'arm_host' : 'arm_access';
  }
  return report;
}
