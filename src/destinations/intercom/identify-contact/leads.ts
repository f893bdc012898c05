// R4: the leads that are the user being identified, and turning them into that user (convert, or merge into it).
import { intercomErrors } from '../client/index.js';
import type { IntercomContext } from '../context.js';
import { conflictingContact, ensureOk } from '../failure.js';
import type { ContactKey } from '../identity/cache.js';
import type { ContactBody } from './body.js';
import { unarchive, updateKnown, type Write } from './write.js';

/** Leads sharing one email are few; more than a page of them is not one person's doing. */
export const LEAD_SEARCH_PAGE = 50;

/** The keys ferry remembers a lead by: the visitor's anonymousId, and the email ferry gave the lead. */
function leadKeys(ctx: IntercomContext, body: ContactBody): ContactKey[] {
  const keys: ContactKey[] = [];
  if (ctx.event.anonymousId) keys.push({ kind: 'anonymous_id', value: ctx.event.anonymousId });
  if (body.email) keys.push({ kind: 'lead_email', value: body.email });
  return keys;
}

/**
 * The Intercom ids of the leads that are this user: those ferry created (identity cache), then — with the setting
 * `matchLeadsByEmail`, for an email ferry does not yet know as a user's — those Intercom holds with the user's email
 * (the Messenger's). One search per such email: once identified, the email is in the cache.
 */
export async function findLeads(ctx: IntercomContext, body: ContactBody): Promise<string[]> {
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const key of leadKeys(ctx, body)) {
    const found = await ctx.cache.findContact(ctx.destinationId, key);
    if (found?.role === 'lead') add(found.id);
  }
  if (ctx.matchLeadsByEmail && body.email) {
    const known = await ctx.cache.findContact(ctx.destinationId, { kind: 'email', value: body.email });
    if (known?.role !== 'user') for (const id of await searchLeads(ctx, body.email)) add(id);
  }
  return ids;
}

async function searchLeads(ctx: IntercomContext, email: string): Promise<string[]> {
  const query = {
    operator: 'AND',
    value: [{ field: 'email', operator: '=', value: email }, { field: 'role', operator: '=', value: 'lead' }],
  };
  const response = await ctx.intercom.request('POST', '/contacts/search', { query, pagination: { per_page: LEAD_SEARCH_PAGE } });
  ensureOk(response);
  const data = (response.body as { data?: Array<{ id?: unknown; role?: unknown }> } | undefined)?.data ?? [];
  return data.flatMap((contact) => (typeof contact.id === 'string' && contact.role === 'lead' ? [contact.id] : []));
}

/**
 * Merges the lead into the user (Intercom moves its events and companies along) and forgets the lead. A lead that is
 * gone already (merged on an earlier try, deleted) needs nothing; one that is no longer a lead cannot be merged, and
 * the delivery says so rather than failing the user's update.
 */
export async function mergeLead(ctx: IntercomContext, leadId: string, userId: string): Promise<void> {
  const response = await ctx.intercom.request('POST', '/contacts/merge', { from: leadId, into: userId });
  if (response.status === 400 && intercomErrors(response.body)[0]?.code === 'invalid_merge') {
    ctx.warn(`contact ${leadId} was not merged into the user: Intercom says it is no longer a lead`);
  } else if (response.status !== 404) {
    ensureOk(response);
  }
  await ctx.cache.forgetContact(ctx.destinationId, leadId);
}

/**
 * The lead becomes the user — by a PUT with role user when no user exists yet, or, when Intercom says a user
 * already holds these details, by merging the lead into that user. Undefined when the lead is gone.
 */
export async function convertLead(
  ctx: IntercomContext, write: Write, leadId: string, body: ContactBody,
): Promise<string | undefined> {
  const response = await updateKnown(ctx, write, leadId, { ...body, role: 'user' });
  if (!response) return undefined;
  const conflict = conflictingContact(response);
  if (!conflict) {
    // Same Intercom id, now a user: the caller replaces its cache entries.
    ensureOk(response);
    return leadId;
  }
  if (conflict.archived) await unarchive(ctx, conflict.id);
  await mergeLead(ctx, leadId, conflict.id);
  ensureOk(await write('PUT', `/contacts/${conflict.id}`, body));
  return conflict.id;
}
