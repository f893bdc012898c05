// Finding a person's Intercom contact: the identity cache first (R16), Intercom's search second.
import type { IntercomContext } from './context.js';
import { ensureOk } from './failure.js';
import type { CachedContact, ContactKey } from './identity/cache.js';

export interface FoundContact extends CachedContact {
  /** Whether the id came from the cache (a 404 on it then means the cache is stale). */
  fromCache: boolean;
}

/** Searches Intercom for the user with this external_id or email; remembers what it finds. */
export async function searchContact(ctx: IntercomContext, key: ContactKey): Promise<CachedContact | undefined> {
  const field = key.kind === 'external_id' ? 'external_id' : 'email';
  const query =
    key.kind === 'external_id'
      ? { field, operator: '=', value: key.value }
      : { operator: 'AND', value: [{ field, operator: '=', value: key.value }, { field: 'role', operator: '=', value: 'user' }] };
  const response = await ctx.intercom.request('POST', '/contacts/search', { query, pagination: { per_page: 1 } });
  ensureOk(response);
  const first = (response.body as { data?: Array<{ id?: unknown; role?: unknown }> } | undefined)?.data?.[0];
  if (!first || typeof first.id !== 'string') return undefined;
  const found: CachedContact = { id: first.id, role: first.role === 'lead' ? 'lead' : 'user' };
  await ctx.cache.rememberContact(ctx.destinationId, [key], found);
  return found;
}

/** The contact for these keys (in order of preference): cached ones first, then a search per searchable key. */
export async function findContact(
  ctx: IntercomContext,
  keys: readonly ContactKey[],
  options: { useCache: boolean },
): Promise<FoundContact | undefined> {
  if (options.useCache) {
    for (const key of keys) {
      const cached = await ctx.cache.findContact(ctx.destinationId, key);
      if (cached) return { ...cached, fromCache: true };
    }
  }
  for (const key of keys) {
    if (key.kind !== 'external_id' && key.kind !== 'email') continue;
    const found = await searchContact(ctx, key);
    if (found) return { ...found, fromCache: false };
  }
  return undefined;
}
