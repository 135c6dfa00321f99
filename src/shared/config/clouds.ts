import type { Cloud } from './schema';

/** Hosts of one Azure cloud (docs/wire.md §7). A custom cloud names its own three hosts. */
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
 * The delegated ARM permission. PIMCLI uses the ARM base URL as the resource (docs/wire.md §7); for the
 * global cloud that is also the documented `https://management.azure.com/user_impersonation`.
 */
export function armScopeOf(cloud: Cloud): string {
  return `${hostsOf(cloud).arm}/user_impersonation`;
}

/** Sign-in scopes: OIDC + refresh token + one resource (ARM), as docs/wire.md §1.4 and §1.6 require. */
export function signInScopesOf(cloud: Cloud): string[] {
  return ['openid', 'profile', 'offline_access', armScopeOf(cloud)];
}
