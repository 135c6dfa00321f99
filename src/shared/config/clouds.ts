import type { Cloud } from './schema';

/**
 * Hosts of one Azure cloud (docs/wire.md §7). A custom cloud names its own three hosts. Login and ARM
 * hosts as the SDKs' cloud configurations give them (Azure/azure-sdk-for-go `sdk/azcore/cloud/cloud.go`,
 * Azure/azure-cli `azure/cli/core/cloud.py`); China signs in on `login.partner.microsoftonline.cn`,
 * the host Entra's national-cloud page names (MicrosoftDocs/entra-docs
 * `docs/identity-platform/authentication-national-cloud.md`), of which MSAL treats the SDKs'
 * `login.chinacloudapi.cn` as an alias (msal-python `msal/authority.py`).
 */
export interface CloudHosts {
  login: string;
  arm: string;
  portal: string;
}

export const NAMED_CLOUD_HOSTS: Record<'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud', CloudHosts> = {
  AzureCloud: {
    login: 'https://login.microsoftonline.com',
    arm: 'https://management.azure.com',
    portal: 'https://portal.azure.com',
  },
  AzureUSGovernment: {
    login: 'https://login.microsoftonline.us',
    arm: 'https://management.usgovcloudapi.net',
    portal: 'https://portal.azure.us',
  },
  AzureChinaCloud: {
    login: 'https://login.partner.microsoftonline.cn',
    arm: 'https://management.chinacloudapi.cn',
    portal: 'https://portal.azure.cn',
  },
};

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function hostsOf(cloud: Cloud): CloudHosts {
  if (typeof cloud === 'string') return NAMED_CLOUD_HOSTS[cloud];
  return { login: trimSlash(cloud.login), arm: trimSlash(cloud.arm), portal: trimSlash(cloud.portal) };
}

/**
 * The delegated ARM permission, on the ARM endpoint form of the resource (`https://management.azure.com`,
 * `…usgovcloudapi.net`, `…chinacloudapi.cn`), so the token's `aud` is that URL. ARM accepts it and the
 * `https://management.core.*` form alike: its audience error lists both, with and without the slash
 * ("…one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net',
 * 'https://management.azure.com/','https://management.azure.com'", Azure-Samples/active-directory-dotnetcore-daemon-v2#145;
 * the Government twin in Azure/azure-sdk-for-js#18042), and the SDKs use both: go-autorest's
 * `TokenAudience` and the generated `@azure/arm-*` clients the endpoint form, azcore and azure-cli the
 * `core` one. A custom cloud's ARM host is its audience.
 */
export function armScopeOf(cloud: Cloud): string {
  return `${hostsOf(cloud).arm}/user_impersonation`;
}

/** Sign-in scopes: OIDC + refresh token + one resource (ARM), as docs/wire.md §1.4 and §1.6 require. */
export function signInScopesOf(cloud: Cloud): string[] {
  return ['openid', 'profile', 'offline_access', armScopeOf(cloud)];
}
