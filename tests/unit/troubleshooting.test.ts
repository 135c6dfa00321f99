import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
const en = JSON.parse(readFileSync(path.resolve('_locales/en/messages.json'), 'utf8')) as Record<
  string,
  LocaleMessage
>;

// chrome.i18n over the English catalogue; every substitution shows as "…", as the README writes it.
vi.mock('../../src/shared/browser', () => ({
  browser: {
    i18n: {
      getUILanguage: () => 'en',
      getMessage: (key: string) => {
        const entry = en[key];
        if (!entry) return '';
        return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) =>
          entry.placeholders?.[name.toLowerCase()] ? '…' : whole,
        );
      },
    },
  },
}));

const { classifyOAuthError } = await import('../../src/background/auth/errors');
const { processArmError } = await import('../../src/background/arm/errors');
const { toUiError } = await import('../../src/background/errors/to-ui-error');
const { errorText } = await import('../../src/ui/errors');

interface Row {
  causes: string[];
  shown: string;
}

function troubleshootingRows(): Row[] {
  const readme = readFileSync(path.resolve('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Troubleshooting'));
  const table = section.slice(0, section.indexOf('\n## '));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      return {
        causes: [...(cells[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
        shown: cells[1] ?? '',
      };
    });
}

const ARM_BODY_MESSAGES: Record<string, string> = {
  RoleAssignmentRequestPolicyValidationFailed: 'The following policy rules failed: ["JustificationRule"]',
  'RoleAssignmentRequestPolicyValidationFailed (MfaRule)': 'The following policy rules failed: ["MfaRule"]',
  RoleAssignmentRequestAcrsValidationFailed: 'The Role assignment requires an authentication context.',
};

/** Produces the error a cause names from its wire form, through the product's own readers. */
async function produce(cause: string): Promise<unknown> {
  const aadsts = /^AADSTS(\d+)$/.exec(cause);
  if (aadsts) return classifyOAuthError({ error: 'invalid_grant', error_codes: [Number(aadsts[1])] });
  const oauth = /^error=(\w+)$/.exec(cause);
  if (oauth) return classifyOAuthError({ error: oauth[1] }, { status: 503 });
  const arm = /^ARM (\w+)/.exec(cause);
  if (arm) {
    const body = { error: { code: arm[1], message: ARM_BODY_MESSAGES[cause.slice(4)] ?? 'refused' } };
    return processArmError(new Response(JSON.stringify(body), { status: 400 }));
  }
  const http = /^HTTP (\d)(\d\d|xx)(.*)$/.exec(cause);
  if (http) {
    const status = Number(`${http[1]}${http[2] === 'xx' ? '03' : http[2]}`);
    const rest = http[3]!.trim();
    const headers = new Headers(status === 429 ? { 'retry-after': '30' } : {});
    if (rest.includes('claims'))
      headers.set(
        'www-authenticate',
        'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="',
      );
    const code = rest && !rest.includes(' ') ? rest : 'Refused';
    const body = {
      error: {
        code,
        message:
          code === 'InvalidAuthenticationTokenTenant'
            ? "The access token is from the wrong issuer 'https://sts.windows.net/a/'. It must match the tenant 'https://sts.windows.net/10000000-0000-4000-8000-000000000002/' associated with this subscription."
            : 'refused',
      },
    };
    return processArmError(new Response(JSON.stringify(body), { status, headers }));
  }
  return undefined;
}

describe('README troubleshooting table', () => {
  const rows = troubleshootingRows();

  it('lists the errors the product maps', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  for (const row of rows) {
    for (const cause of row.causes) {
      it(`${cause} shows: ${row.shown.slice(0, 60)}…`, async () => {
        const error = await produce(cause);
        // A product check (no wire form): its code is the cause itself.
        const ui = error === undefined ? { code: cause } : toUiError(error);
        expect(errorText(ui)).toBe(row.shown);
      });
    }
  }
});
