// The identity cache (R16) as Intercom's actions use it: the store's role, which every store implements.
export { normalizeKey, type CachedContact, type ContactKey, type ContactKeyKind, type IdentityCache } from '../../kit/identity-cache.js';
