import { escapeHtml as h } from '../http';
import type { Flow } from '../state';

/*
 * The interactive pages. Plain HTML forms, no script: they must work in headless Chromium driven by
 * puppeteer and inside chrome.identity.launchWebAuthFlow windows. Element ids are part of the test contract:
 * #username #password #submit #cancel #error #mfa-code #use-another-account, button[data-account],
 * #error-code #error-message (error page), #signed-out.
 */

const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;display:flex;justify-content:center}
main{background:#fff;margin-top:8vh;padding:44px;width:340px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{font-weight:600;color:#5e5e5e;margin-bottom:16px}
h1{font-size:24px;font-weight:600;margin:0 0 12px}
label{display:block;font-size:13px;margin-top:12px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:6px 0;border:0;border-bottom:1px solid #666;font-size:15px}
.buttons{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
button{padding:6px 18px;font-size:15px;border:0;cursor:pointer;background:#ccc}
button#submit{background:#0067b8;color:#fff}
button.account{display:block;width:100%;text-align:left;margin:6px 0;background:#fff;border:1px solid #ddd}
#error{color:#e81123;margin:8px 0}
.fine{font-size:12px;color:#666;word-break:break-all}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${STYLE}</style></head>
<body><main><div class="brand">Microsoft Entra ID (emulator)</div>
${body}
</main></body></html>`;
}

const flowInput = (flow: Flow) => `<input type="hidden" name="flow" value="${h(flow.id)}">`;
const action = (flow: Flow) => `/${encodeURIComponent(flow.authority)}/login`;
const errorBlock = (error: string | undefined) =>
  error ? `<div id="error" role="alert">${h(error)}</div>` : '';

export interface PageContext {
  flow: Flow;
  appName: string;
  /** Shown under the heading: which organization the user signs in to. */
  tenantLabel: string | undefined;
}

export function signInPage(ctx: PageContext, username: string, error?: string): string {
  const { flow } = ctx;
  const heading = flow.kind === 'adminconsent' ? 'Sign in to grant permissions' : 'Sign in';
  return layout(
    'Sign in to your account',
    `<h1 id="title">${heading}</h1>
<p id="app-name">to continue to ${h(ctx.appName)}${ctx.tenantLabel ? ` (${h(ctx.tenantLabel)})` : ''}</p>
${errorBlock(error)}
<form method="post" action="${action(flow)}" autocomplete="off">
${flowInput(flow)}
<label for="username">Email or username</label>
<input type="text" id="username" name="username" value="${h(username)}" autocomplete="username" autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password">
<div class="buttons">
<button type="submit" id="submit" name="action" value="signin">Sign in</button>
<button type="submit" id="cancel" name="action" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`,
  );
}

export function mfaPage(ctx: PageContext, username: string, error?: string): string {
  const { flow } = ctx;
  return layout(
    'Verify your identity',
    `<h1 id="title">Enter code</h1>
<p id="mfa-user" class="fine">${h(username)}</p>
<p>Enter the code displayed in the authenticator app on your mobile device.</p>
${errorBlock(error)}
<form method="post" action="${action(flow)}" autocomplete="off">
${flowInput(flow)}
<label for="mfa-code">Code</label>
<input type="text" id="mfa-code" name="otc" inputmode="numeric" maxlength="6" autocomplete="one-time-code" autofocus>
<div class="buttons">
<button type="submit" id="submit" name="action" value="verify">Verify</button>
<button type="submit" id="cancel" name="action" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`,
  );
}

export function pickerPage(ctx: PageContext, accounts: { username: string; displayName: string }[]): string {
  const { flow } = ctx;
  const buttons = accounts
    .map(
      (a) =>
        `<button type="submit" class="account" name="account" value="${h(a.username)}" data-account="${h(a.username)}">${h(a.displayName)}<br><span class="fine">${h(a.username)}</span></button>`,
    )
    .join('\n');
  return layout(
    'Sign in to your account',
    `<h1 id="title">Pick an account</h1>
<p id="app-name">to continue to ${h(ctx.appName)}</p>
<form method="post" action="${action(flow)}">
${flowInput(flow)}
${buttons}
<button type="submit" class="account" id="use-another-account" name="action" value="another">Use another account</button>
<div class="buttons"><button type="submit" id="cancel" name="action" value="cancel">Cancel</button></div>
</form>`,
  );
}

export interface ErrorPageDetails {
  code: number;
  description: string; // "AADSTSnnnn: …"
  traceId: string;
  correlationId: string;
  timestamp: string;
}

export function errorPage(d: ErrorPageDetails): string {
  return layout(
    'Sign in to your account',
    `<h1 id="title">Sign in</h1>
<p>Sorry, but we're having trouble signing you in.</p>
<p id="error-message">${h(d.description)}</p>
<p>Error code: <span id="error-code">AADSTS${d.code}</span></p>
<dl class="fine">
<dt>Request Id</dt><dd id="trace-id">${h(d.traceId)}</dd>
<dt>Correlation Id</dt><dd id="correlation-id">${h(d.correlationId)}</dd>
<dt>Timestamp</dt><dd id="timestamp">${h(d.timestamp)}</dd>
</dl>`,
  );
}

/** `response_mode=form_post`: the one place a script is used, as on Entra (with a button as fallback). */
export function formPostPage(redirectUri: string, params: Record<string, string>): string {
  const inputs = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Working...</title></head>
<body><form method="post" action="${h(redirectUri)}">${inputs}
<noscript><button type="submit" id="submit">Continue</button></noscript></form>
<script>document.forms[0].submit()</script></body></html>`;
}

export function signedOutPage(): string {
  return layout(
    'Sign out',
    `<h1 id="signed-out">You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>`,
  );
}

export function errorLookupPage(code: string): string {
  return layout(
    'Error lookup',
    `<h1 id="title">Error code lookup</h1><p id="error-code">AADSTS${h(code)}</p>
<p>See the Microsoft Entra authentication and authorization error codes reference.</p>`,
  );
}
