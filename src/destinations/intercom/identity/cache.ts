// R16: what ferry has learned about Intercom ids, so steady-state traffic costs one call per action. The store keeps it.
export {
  normalizeKey, type CachedContact, type ContactKey, type ContactKeyKind, type IdentityCache,
} from '../../../store/types.js';
