// R1-R5: create or update the one Intercom contact of a person, converting or merging its leads, with as few calls as
// correctness allows.
import type { IntercomContext } from '../context.js';
import { ensureOk } from '../failure.js';
import type { CachedContact, ContactKey } from '../identity/cache.js';
import type { ContactBody } from './body.js';
import { convertLead, findLeads, mergeLead } from './leads.js';
import { create, updateKnown, writer, type Write } from './write.js';

async function findFirst(ctx: IntercomContext, keys: ContactKey[], role: CachedContact['role']) {
  for (const key of keys) {
    const found = await ctx.cache.findContact(ctx.destinationId, key);
    if (found?.role === role) return found;
  }
  return undefined;
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

/** The known user updated with one PUT; undefined when Intercom no longer has it. */
async function updateUser(ctx: IntercomContext, write: Write, id: string, body: ContactBody): Promise<string | undefined> {
  const response = await updateKnown(ctx, write, id, body);
  if (!response) return undefined;
  ensureOk(response);
  return id;
}

/**
 * R3-R5: update the known user, else convert the visitor's lead, else create; then merge the person's other leads
 * into the user (R4), so one person is one contact whatever order its identifies came in.
 */
export async function upsertUser(ctx: IntercomContext, body: ContactBody): Promise<void> {
  const write = writer(ctx);
  const userKeys: ContactKey[] = [];
  if (body.external_id) userKeys.push({ kind: 'external_id', value: body.external_id });
  if (body.email) userKeys.push({ kind: 'email', value: body.email });
  const anonymousId = ctx.event.anonymousId ?? undefined;
  const rememberAs: ContactKey[] = [...userKeys, ...(anonymousId ? [{ kind: 'anonymous_id' as const, value: anonymousId }] : [])];

  const known = await findFirst(ctx, userKeys, 'user');
  const leads = await findLeads(ctx, body);
  let userId = known ? await updateUser(ctx, write, known.id, body) : undefined;
  let converted = false;
  while (userId === undefined && leads.length > 0) {
    const leadId = leads.shift()!;
    userId = await convertLead(ctx, write, leadId, body);
    converted = userId === leadId;
  }
  userId ??= await create(ctx, write, body);
  // A lead ferry remembers that is this user already (converted on an earlier identify) is not merged into itself.
  for (const leadId of leads) if (leadId !== userId) await mergeLead(ctx, leadId, userId);
  // The converted lead's email must not find it as a lead again; its company attachments stay valid (same id).
  if (converted && body.email) rememberAs.push({ kind: 'lead_email', value: body.email });
  await ctx.cache.rememberContact(ctx.destinationId, rememberAs, { id: userId, role: 'user' });
}
