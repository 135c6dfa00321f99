/**
 * Drives the emulator's interactive endpoints with plain fetch: a tiny cookie-keeping "browser" plus helpers
 * for the code flow. Used by the emulator's own tests; also handy for scripts that need a token quickly.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Emulator } from './index';
import { TEST_EXTENSION_REDIRECT_URI } from './seed';

export const ARM_SCOPE = 'https://management.azure.com/user_impersonation';
export const EXTENSION_ORIGIN = 'chrome-extension://imaoaahfnaagedddnnnfakiglapfloen';

export interface Page {
  status: number;
  /** Absolute Location of a redirect, if any. */
  location?: string;
  html: string;
}

export class FetchBrowser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      html: await res.text(),
      ...(location ? { location: new URL(location, url).href } : {}),
    };
  }

  hasSession(): boolean {
    return this.cookies.has('ESTSAUTH');
  }

  /** Posts the page's form (flow token included) with extra fields, like clicking a button. */
  async submit(page: Page, pageUrl: string, fields: Record<string, string>): Promise<Page> {
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
    const flow = /name="flow" value="([^"]+)"/.exec(page.html)?.[1];
    if (!action || !flow) throw new Error(`no sign-in form on this page:\n${page.html.slice(0, 500)}`);
    return this.request(new URL(action.replace(/&#38;/g, '&'), pageUrl).href, { form: { flow, ...fields } });
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  tenant: string;
  clientId: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  prompt?: string;
  loginHint?: string;
  responseMode?: string;
  codeChallenge?: string | null;
  clientInfo?: boolean;
  extra?: Record<string, string>;
}

export function authorizeUrl(emulator: Pick<Emulator, 'loginUrl'>, o: AuthorizeOptions): string {
  const p = new URLSearchParams({
    client_id: o.clientId,
    response_type: 'code',
    redirect_uri: o.redirectUri ?? TEST_EXTENSION_REDIRECT_URI,
    scope: o.scope ?? `openid profile offline_access ${ARM_SCOPE}`,
    ...(o.state !== undefined ? { state: o.state } : {}),
    ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
    ...(o.prompt ? { prompt: o.prompt } : {}),
    ...(o.loginHint ? { login_hint: o.loginHint } : {}),
    ...(o.responseMode ? { response_mode: o.responseMode } : {}),
    ...(o.codeChallenge ? { code_challenge: o.codeChallenge, code_challenge_method: 'S256' } : {}),
    ...(o.clientInfo ? { client_info: '1' } : {}),
    ...o.extra,
  });
  return `${emulator.loginUrl}/${o.tenant}/oauth2/v2.0/authorize?${p}`;
}

/** Query or fragment parameters of a redirect back to the app. */
export function callbackParams(location: string | undefined): URLSearchParams {
  if (!location) throw new Error('expected a redirect');
  const u = new URL(location);
  return new URLSearchParams(u.hash ? u.hash.slice(1) : u.search);
}

/**
 * Opens the authorize URL, fills the sign-in form (and the MFA form) when shown, and returns the last page:
 * a redirect to the app, or an HTML page (error, picker) the caller inspects.
 */
export async function signIn(
  browser: FetchBrowser,
  url: string,
  credentials?: { username: string; password: string; mfaCode?: string },
): Promise<Page> {
  let page = await browser.request(url);
  if (page.location || !credentials || !page.html.includes('id="password"')) return page;
  page = await browser.submit(page, url, {
    username: credentials.username,
    password: credentials.password,
    action: 'signin',
  });
  if (!page.location && page.html.includes('id="mfa-code"') && credentials.mfaCode) {
    page = await browser.submit(page, url, { otc: credentials.mfaCode, action: 'verify' });
  }
  return page;
}

export interface TokenResult {
  status: number;
  json: Record<string, unknown>;
}

export async function tokenRequest(
  emulator: Pick<Emulator, 'loginUrl'>,
  tenant: string,
  form: Record<string, string>,
  origin: string | null = EXTENSION_ORIGIN,
): Promise<TokenResult> {
  const res = await fetch(`${emulator.loginUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
      ...(origin ? { origin } : {}),
    },
    body: new URLSearchParams(form),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Error code of an Entra error JSON (`error_codes[0]`), for terse assertions. */
export const errorCode = (json: Record<string, unknown>): number | undefined =>
  (json.error_codes as number[] | undefined)?.[0];

/** The whole interactive code flow with PKCE, then the redemption; returns the token response. */
export async function signInAndRedeem(
  emulator: Pick<Emulator, 'loginUrl'>,
  browser: FetchBrowser,
  o: Omit<AuthorizeOptions, 'codeChallenge'> & { username?: string; password?: string; mfaCode?: string },
): Promise<TokenResult & { page: Page }> {
  const { verifier, challenge } = pkcePair();
  const url = authorizeUrl(emulator, { ...o, codeChallenge: challenge });
  const creds =
    o.username && o.password ? { username: o.username, password: o.password, mfaCode: o.mfaCode } : undefined;
  const page = await signIn(browser, url, creds);
  const code = page.location ? callbackParams(page.location).get('code') : null;
  if (!code) throw new Error(`no code: ${page.location ?? page.html.slice(0, 800)}`);
  const result = await tokenRequest(emulator, o.tenant, {
    client_id: o.clientId,
    grant_type: 'authorization_code',
    code,
    redirect_uri: o.redirectUri ?? TEST_EXTENSION_REDIRECT_URI,
    code_verifier: verifier,
    scope: o.scope ?? `openid profile offline_access ${ARM_SCOPE}`,
  });
  return { ...result, page };
}
