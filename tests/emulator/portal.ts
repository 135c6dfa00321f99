import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendHtml } from './http';

/**
 * A stand-in for portal.azure.com: the extension's deep links end here, and tests read where they landed
 * (`#portal-location` shows `location.hash`, e.g. `#@contoso.onmicrosoft.com/resource/subscriptions/…`).
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Microsoft Azure (emulator)</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:0}header{background:#1b1a19;color:#fff;padding:10px 16px}
main{padding:16px}code{background:#f3f2f1;padding:2px 4px}</style></head>
<body><header>Microsoft Azure (emulator)</header>
<main><p>Deep link:</p><p><code id="portal-location"></code></p></main>
<script>
const show = () => { document.getElementById('portal-location').textContent = location.hash; };
addEventListener('hashchange', show);
show();
</script></body></html>`;

export function portalRouter() {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/') return sendHtml(res, 200, PAGE);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    sendHtml(res, 404, '<!doctype html><title>Not found</title><p>Not found</p>');
  };
}
