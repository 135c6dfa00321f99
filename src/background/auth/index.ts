export {
  AUTH_ERROR_CODES,
  AuthError,
  classifyOAuthError,
  extractAadsts,
  isAuthError,
  requiresInteraction,
  type AuthErrorCode,
  type AuthErrorOptions,
  type OAuthErrorParams,
} from './errors';
export { createPkcePair, type PkcePair } from './pkce';
export {
  createAuthorizationRequest,
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  type PendingAuthorization,
  type Prompt,
} from './authorize-request';
export { parseAuthorizationResponse, type AuthorizationResponse } from './authorize-response';
export {
  redeemCode,
  refreshTokens,
  type RedeemCodeOptions,
  type RefreshTokensOptions,
} from './token-request';
export { processTokenResponse, type TokenSet } from './token-response';
export { decodeClientInfo, type ClientInfo } from './client-info';
export {
  validateIdToken,
  type IdTokenClaims,
  type IdTokenFailure,
  type ValidateIdTokenOptions,
} from './id-token';
export {
  discoveryUrl,
  explicitEndpoints,
  fetchDiscovery,
  processDiscovery,
  tenantIdOfIssuer,
  type AuthorityMetadata,
} from './discovery';
export { fetchJwks, processJwks } from './jwks';
export { isGuid, sameGuid } from './guid';
export type { FetchLike } from './http';
