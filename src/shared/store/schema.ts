import type { DBSchema } from 'idb';

export const DB_NAME = 'cloud-access';

/** Must equal the number of entries in `MIGRATIONS` (checked by a test). */
export const DB_VERSION = 2;

export type LinkStatus = 'ok' | 'needs_sign_in' | 'broken';

export interface LinkRecord {
  /** Tenant GUID; one link per tenant. */
  tenantId: string;
  connectionId: string;
  /** Object ID in THIS tenant: differs from the home tenant's for guests. */
  oid: string;
  homeTenantId?: string;
  name: string;
  username: string;
  issuer: string;
  linkedAt: number;
  lastUsedAt: number;
  status: LinkStatus;
  /** An error code for the UI to translate, never free text from a server. */
  statusDetail?: string;
  /**
   * What the tokens were issued for. Absent on links stored before bindings existed; such a link is
   * bound to its connection on first use.
   */
  boundTo?: LinkBinding;
}

/** The registration a link's tokens belong to: they are never sent anywhere else. */
export interface LinkBinding {
  /** Origin of the token endpoint the refresh token may be redeemed at. */
  tokenOrigin: string;
  /** Origin of the ARM host the access tokens are for. */
  armOrigin: string;
  clientId: string;
}

/** Encrypted refresh token of one link. Nothing else secret is ever persisted. */
export interface SecretRecord {
  tenantId: string;
  // ArrayBuffer-backed so it can be handed straight back to WebCrypto.
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
  updatedAt: number;
}

export type CatalogState = 'active' | 'eligible' | 'pending' | 'not_held';
/** `delegated`: a subscription another tenant projects to the user through Azure Lighthouse. */
export type CatalogSource = 'held' | 'curated' | 'delegated';

export interface CatalogEntry {
  key: string;
  tenantId: string;
  subscriptionId: string;
  subscriptionName: string;
  resourceGroup?: string;
  scope: string;
  roleDefinitionId: string;
  roleName: string;
  state: CatalogState;
  activeUntil?: number;
  source: CatalogSource;
  eligibilityScheduleId?: string;
  /** The admin's name for a curated Cloud Access Role. */
  curatedName?: string;
  /**
   * Azure Lighthouse: the customer tenant that owns the subscription. The entry stays under the
   * linked (managing) tenant, whose sign-in opens it in the portal; the role is not known here.
   */
  delegatedBy?: { tenantId?: string; tenantName?: string };
}

export interface CatalogRecord {
  tenantId: string;
  /** The connection's display name at refresh time, so the popup can paint without the config. */
  tenantName?: string;
  refreshedAt: number;
  /** Changes on every write (a refresh, or one entry changed by an activation): caches key on it. */
  updatedAt?: number;
  entries: CatalogEntry[];
}

export interface Prefs {
  favorites: string[];
  recents: string[];
}

export type PrefKey = keyof Prefs;

/** The only key in the `keys` store. */
export const TOKEN_KEY_ID = 'refresh-token-key';

/** The only key in the `firstScreen` store. */
export const FIRST_SCREEN_KEY = 'current';

export interface CloudAccessDB extends DBSchema {
  links: {
    key: string;
    value: LinkRecord;
    indexes: { byConnection: string };
  };
  secrets: {
    key: string;
    value: SecretRecord;
  };
  keys: {
    key: typeof TOKEN_KEY_ID;
    // IndexedDB keeps a non-extractable CryptoKey non-extractable through structured clone.
    value: CryptoKey;
  };
  catalog: {
    key: string;
    value: CatalogRecord;
  };
  prefs: {
    key: PrefKey;
    value: Prefs[PrefKey];
  };
  /**
   * The top of the popup's list (`firstScreenOf` the catalog and prefs), rewritten with them in the
   * same transaction: the popup's first frame reads this one small record instead of the catalog.
   */
  firstScreen: {
    key: typeof FIRST_SCREEN_KEY;
    value: CatalogRecord[];
  };
}
