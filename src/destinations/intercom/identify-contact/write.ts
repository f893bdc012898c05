// The contact writes of one identify: create, update a known id, resolve a 409 (R5), leaving out refused attributes (R7).
import type { IntercomResponse } from '../client/index.js';
import type { IntercomContext } from '../context.js';
import { sendWithoutUnknownAttributes } from '../custom-attributes.js';
import { ActionFailure, conflictingContact, ensureOk } from '../failure.js';
import { attributeCreator } from '../missing-attributes.js';
import type { ContactBody } from './body.js';

export type Write = (method: 'POST' | 'PUT', path: string, body: ContactBody) => Promise<IntercomResponse>;

/**
 * The writes of one identify. An attribute Intercom refused once is left out of the later requests too (after a 409
 * or a stale id), so it is not refused — and warned about — a second time (R7).
 */
export function writer(ctx: IntercomContext): Write {
  const refused = new Set<string>();
  const create = attributeCreator(ctx, 'contact');
  return (method, path, body) => {
    const attributes = body.custom_attributes;
    const sent = attributes && refused.size > 0
      ? { ...body, custom_attributes: Object.fromEntries(Object.entries(attributes).filter(([name]) => !refused.has(name))) }
      : body;
    return sendWithoutUnknownAttributes(
      sent, (b) => ctx.intercom.request(method, path, b), (m) => ctx.warn(m),
      { onDropped: (name) => refused.add(name), ...(create ? { create } : {}) },
    );
  };
}

/** PUT to a contact ferry knows; undefined when Intercom no longer has it (the cache entry is then forgotten). */
export async function updateKnown(
  ctx: IntercomContext, write: Write, id: string, body: ContactBody,
): Promise<IntercomResponse | undefined> {
  const response = await write('PUT', `/contacts/${id}`, body);
  if (response.status === 404) {
    await ctx.cache.forgetContact(ctx.destinationId, id);
    return undefined;
  }
  return response;
}

/** Unarchives a contact Intercom named as archived in a 409, so it can be written to (R5). */
export async function unarchive(ctx: IntercomContext, id: string): Promise<void> {
  ensureOk(await ctx.intercom.request('POST', `/contacts/${id}/unarchive`));
}

/** Creates the contact; a 409 means it exists already (Intercom's search index lags), so it is updated instead. */
export async function create(ctx: IntercomContext, write: Write, body: ContactBody): Promise<string> {
  const response = await write('POST', '/contacts', body);
  const conflict = conflictingContact(response);
  if (conflict) {
    if (conflict.archived) await unarchive(ctx, conflict.id);
    ensureOk(await write('PUT', `/contacts/${conflict.id}`, body));
    return conflict.id;
  }
  ensureOk(response);
  return contactIdOf(response);
}

function contactIdOf(response: IntercomResponse): string {
  const id = (response.body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') {
    throw new ActionFailure({ kind: 'retry', reason: `Intercom answered ${response.status} without a contact id` });
  }
  return id;
}
