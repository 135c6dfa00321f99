import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Control } from '../control';
import { handleControlRequest } from '../control';
import { sendHtml, sendJson } from '../http';
import type { EmulatorState } from '../state';
import { handleAdminConsent } from './admin-consent';
import { handleAuthorize } from './authorize';
import { instanceDiscovery, jwks, openidConfiguration } from './discovery';
import { handleLoginPost } from './login';
import { handleLogout } from './logout';
import { errorLookupPage } from './sign-in-page';
import { handleToken } from './token';

/** The login host (login.microsoftonline.com) and the control endpoints. */
export function loginRouter(state: EmulatorState, control: Control) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', state.urls.loginUrl);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const rest = parts.slice(1).join('/');
    const tenant = parts[0] ?? '';

    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (tenant === '__emulator' && parts.length === 2)
      return handleControlRequest(control, req, res, parts[1] ?? '');
    if (tenant === 'error' && parts.length === 1)
      return sendHtml(res, 200, errorLookupPage(url.searchParams.get('code') ?? ''));
    if (tenant === 'common' && rest === 'discovery/instance' && method === 'GET') {
      return instanceDiscovery(state, req, res);
    }
    if (rest === 'v2.0/.well-known/openid-configuration' && method === 'GET') {
      return openidConfiguration(state, res, tenant);
    }
    if (rest === 'discovery/v2.0/keys' && method === 'GET') return jwks(state, res, tenant);
    if (rest === 'oauth2/v2.0/authorize' && method === 'GET') return handleAuthorize(state, req, res, tenant);
    if (rest === 'oauth2/v2.0/token') return handleToken(state, req, res, tenant);
    if (rest === 'login' && method === 'POST') return handleLoginPost(state, req, res);
    if (rest === 'v2.0/adminconsent' && method === 'GET') return handleAdminConsent(state, req, res, tenant);
    if (rest === 'oauth2/v2.0/logout' && (method === 'GET' || method === 'POST'))
      return handleLogout(state, req, res);
    sendJson(res, 404, {
      error: 'not_found',
      error_description: `No emulated endpoint for ${method} ${url.pathname}`,
    });
  };
}
