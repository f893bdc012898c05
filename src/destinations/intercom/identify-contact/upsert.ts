// R1-R5: create or update the one Intercom contact of a person, converting or merging its lead, with as few calls as
// correctness allows.
import type { IntercomResponse } from '../client/index.js';
import type { IntercomContext } from '../context.js';
import { sendWithoutUnknownAttributes } from '../custom-attributes.js';
import { ActionFailure, conflictingContact, ensureOk } from '../failure.js';
import type { CachedContact, ContactKey } from '../identity/cache.js';
import { attributeCreator } from '../missing-attributes.js';
import type { ContactBody } from './body.js';

type Write = (method: 'POST' | 'PUT', path: string, body: ContactBody) => Promise<IntercomResponse>;

/**
 * The writes of one identify. An attribute Intercom refused once is left out of the later requests too (after a 409
 * or a stale id), so it is not refused — and warned about — a second time (R7).
 */
function writer(ctx: IntercomContext): Write {
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

async function findFirst(ctx: IntercomContext, keys: ContactKey[], role: CachedContact['role']) {
  for (const key of keys) {
    const found = await ctx.cache.findContact(ctx.destinationId, key);
    if (found?.role === role) return found;
  }
  return undefined;
}

/** PUT to a contact ferry knows; undefined when Intercom no longer has it (the cache entry is then forgotten). */
async function updateKnown(
  ctx: IntercomContext, write: Write, id: string, body: ContactBody,
): Promise<IntercomResponse | undefined> {
  const response = await write('PUT', `/contacts/${id}`, body);
  if (response.status === 404) {
    await ctx.cache.forgetContact(ctx.destinationId, id);
    return undefined;
  }
  return response;
}

/** R5: the contact Intercom says already holds these details — unarchive it if needed, then update it. */
async function updateConflicting(
  ctx: IntercomContext, write: Write, conflict: { id: string; archived: boolean }, body: ContactBody,
) {
  if (conflict.archived) ensureOk(await ctx.intercom.request('POST', `/contacts/${conflict.id}/unarchive`));
  const response = await write('PUT', `/contacts/${conflict.id}`, body);
  ensureOk(response);
  return conflict.id;
}

/** Creates the contact; a 409 means it exists already (Intercom's search index lags), so it is updated instead. */
async function create(ctx: IntercomContext, write: Write, body: ContactBody): Promise<string> {
  const response = await write('POST', '/contacts', body);
  const conflict = conflictingContact(response);
  if (conflict) return updateConflicting(ctx, write, conflict, body);
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

/** R2: a lead, remembered by the visitor's anonymousId (and email), so later identifies update the same lead. */
export async function upsertLead(ctx: IntercomContext, body: ContactBody): Promise<void> {
  const write = writer(ctx);
  const anonymousId = ctx.event.anonymousId ?? undefined;
  const keys: ContactKey[] = [];
  if (anonymousId) keys.push({ kind: 'anonymous_id', value: anonymousId });
  if (body.email) keys.push({ kind: 'lead_email', value: body.email });
  const known = anonymousId ? await ctx.cache.findContact(ctx.destinationId, keys[0]!) : undefined;
  if (known) {
    // The visitor may have become a user since; Intercom refuses to turn a user back into a lead.
    const update = known.role === 'user' ? { ...body, role: undefined } : body;
    const response = await updateKnown(ctx, write, known.id, update as ContactBody);
    if (response) {
      ensureOk(response);
      // An email given on a later identify must find the lead too, when the visitor signs up elsewhere (R4).
      if (known.role === 'lead') await ctx.cache.rememberContact(ctx.destinationId, keys, known);
      return;
    }
  }
  const id = await create(ctx, write, body);
  await ctx.cache.rememberContact(ctx.destinationId, keys, { id, role: 'lead' });
}

/** R3-R5: update the known user, else convert or merge the visitor's lead (R4), else create. */
export async function upsertUser(ctx: IntercomContext, body: ContactBody): Promise<void> {
  const write = writer(ctx);
  const userKeys: ContactKey[] = [];
  if (body.external_id) userKeys.push({ kind: 'external_id', value: body.external_id });
  if (body.email) userKeys.push({ kind: 'email', value: body.email });
  const anonymousId = ctx.event.anonymousId ?? undefined;
  const rememberAs = [...userKeys, ...(anonymousId ? [{ kind: 'anonymous_id' as const, value: anonymousId }] : [])];
  const remember = (id: string) => ctx.cache.rememberContact(ctx.destinationId, rememberAs, { id, role: 'user' });

  const known = await findFirst(ctx, userKeys, 'user');
  if (known) {
    const response = await updateKnown(ctx, write, known.id, body);
    if (response) {
      ensureOk(response);
      await remember(known.id);
      return;
    }
  }
  const leadKeys: ContactKey[] = [];
  if (anonymousId) leadKeys.push({ kind: 'anonymous_id', value: anonymousId });
  if (body.email) leadKeys.push({ kind: 'lead_email', value: body.email });
  const lead = await findFirst(ctx, leadKeys, 'lead');
  if (lead) {
    const id = await convertLead(ctx, write, lead.id, body);
    if (id !== undefined) {
      await remember(id);
      return;
    }
  }
  await remember(await create(ctx, write, body));
}

/**
 * R4: the lead becomes the user — by a PUT with role user when no user exists yet, or, when Intercom says a user
 * already holds these details, by merging the lead into that user. Undefined when the lead is gone.
 */
async function convertLead(
  ctx: IntercomContext, write: Write, leadId: string, body: ContactBody,
): Promise<string | undefined> {
  const response = await updateKnown(ctx, write, leadId, { ...body, role: 'user' });
  if (!response) return undefined;
  const conflict = conflictingContact(response);
  if (!conflict) {
    // Same Intercom id, now a user: its cache entries are overwritten by the caller, its attachments stay valid.
    ensureOk(response);
    return leadId;
  }
  if (conflict.archived) ensureOk(await ctx.intercom.request('POST', `/contacts/${conflict.id}/unarchive`));
  const merged = await ctx.intercom.request('POST', '/contacts/merge', { from: leadId, into: conflict.id });
  if (merged.status !== 404) ensureOk(merged);
  await ctx.cache.forgetContact(ctx.destinationId, leadId);
  ensureOk(await write('PUT', `/contacts/${conflict.id}`, body));
  return conflict.id;
}
