// R21 GDPR delete: remove a person's Intercom contact, found by its Intercom id (never the userId or email itself).
import type { PersonIdentifier } from '../../../store/types.js';
import { findContact } from '../contact-lookup.js';
import type { IntercomContext } from '../context.js';
import { ensureOk } from '../failure.js';
import type { ContactKey } from '../identity/cache.js';

export type DeleteResult = 'deleted' | 'not-found';

/**
 * The cache keys a person is known by (R16); a userId and a user's email can also be searched, an anonymousId (a
 * lead's) only remembered.
 */
function keysOf(person: PersonIdentifier): ContactKey[] {
  switch (person.kind) {
    case 'userId':
      return [{ kind: 'external_id', value: person.value }];
    case 'email':
      return [{ kind: 'email', value: person.value.toLowerCase() }, { kind: 'lead_email', value: person.value.toLowerCase() }];
    case 'anonymousId':
      return [{ kind: 'anonymous_id', value: person.value }];
  }
}

export async function deleteContact(ctx: IntercomContext, person: PersonIdentifier): Promise<DeleteResult> {
  const keys = keysOf(person);
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
