// R21 GDPR delete: remove a user's Intercom contact, found by its Intercom id (not the userId).
import { findContact } from '../contact-lookup.js';
import type { IntercomContext } from '../context.js';
import { ensureOk } from '../failure.js';

export type DeleteResult = 'deleted' | 'not-found';

export async function deleteContact(ctx: IntercomContext, userId: string): Promise<DeleteResult> {
  const keys = [{ kind: 'external_id' as const, value: userId }];
  for (const useCache of [true, false]) {
    const contact = await findContact(ctx, keys, { useCache });
    if (!contact) return 'not-found';
    const response = await ctx.intercom.request('DELETE', `/contacts/${contact.id}`);
    await ctx.cache.forgetContact(ctx.destinationId, contact.id);
    if (response.status !== 404) {
      ensureOk(response);
      return 'deleted';
    }
    // A 404 on a remembered id: the cache was stale, so ask Intercom once more (R16).
    if (!contact.fromCache) return 'not-found';
  }
  return 'not-found';
}
