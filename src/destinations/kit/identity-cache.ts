// R16's identity cache as destinations see it: the store's role (the store is the layer below and owns the type).
export {
  normalizeKey, type CachedContact, type ContactKey, type ContactKeyKind, type IdentityCache,
} from '../../store/roles/identity-cache.js';
