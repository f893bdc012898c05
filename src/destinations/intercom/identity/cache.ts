// The identity cache (R16) as Intercom's actions use it: the kit's, which the store implements.
export { normalizeKey, type CachedContact, type ContactKey, type ContactKeyKind, type IdentityCache } from '../../kit/identity-cache.js';
