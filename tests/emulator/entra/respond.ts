import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState, Flow } from '../state';
import { redirect, sendHtml } from '../http';
import { findApp, tenantName } from './directory';
import { errorRedirectParams, traced, type EntraError } from './errors';
import { errorPage, formPostPage, type PageContext } from './sign-in-page';

export const correlationOf = (req: IncomingMessage): string | undefined => {
  const v = req.headers['client-request-id'];
  return typeof v === 'string' ? v : undefined;
};

/** Sends the browser back to the app's redirect URI with `params` (+`state`), per `response_mode`. */
export function redirectToClient(
  res: ServerResponse,
  flow: Pick<Flow, 'redirectUri' | 'responseMode' | 'state'>,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): void {
  const all = { ...params, ...(flow.state !== undefined ? { state: flow.state } : {}) };
  if (flow.responseMode === 'form_post') {
    sendHtml(res, 200, formPostPage(flow.redirectUri, all), headers);
    return;
  }
  const qs = new URLSearchParams(all).toString();
  const location =
    flow.responseMode === 'fragment'
      ? `${flow.redirectUri.split('#')[0]}#${qs}`
      : `${flow.redirectUri}${flow.redirectUri.includes('?') ? '&' : '?'}${qs}`;
  redirect(res, location, headers);
}

export function redirectError(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  flow: Pick<Flow, 'redirectUri' | 'responseMode' | 'state' | 'kind'>,
  err: EntraError,
  headers: Record<string, string> = {},
): void {
  const params = errorRedirectParams(err, {
    now: state.clock.now(),
    loginUrl: state.urls.loginUrl,
    correlationId: correlationOf(req),
  });
  // The admin-consent endpoint reports `admin_consent=True` on errors too (docs/wire.md §5).
  redirectToClient(
    res,
    flow,
    flow.kind === 'adminconsent' ? { admin_consent: 'True', ...params } : params,
    headers,
  );
}

/** For errors that must not go to an unverified redirect URI (bad client, bad redirect, bad user). */
export function renderErrorPage(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  err: EntraError,
  headers: Record<string, string> = {},
): void {
  const t = traced(err, {
    now: state.clock.now(),
    loginUrl: state.urls.loginUrl,
    correlationId: correlationOf(req),
  });
  sendHtml(res, 400, errorPage({ ...t, code: err.code }), headers);
}

export function pageContext(state: EmulatorState, flow: Flow): PageContext {
  return {
    flow,
    appName: findApp(state.seed, flow.clientId)?.displayName ?? flow.clientId,
    tenantLabel: flow.tenantId ? tenantName(state.seed, flow.tenantId) : undefined,
  };
}
