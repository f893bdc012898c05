// Identify Company: upsert the company (R8), then attach the person's contact to it (R9, R10).
import { defineAction } from '../../kit/action.js';
import { intercomErrors } from '../client/index.js';
import { findContact } from '../contact-lookup.js';
import type { IntercomContext } from '../context.js';
import { sendWithoutUnknownAttributes } from '../custom-attributes.js';
import { ActionFailure, ensureOk } from '../failure.js';
import { attributeCreator } from '../missing-attributes.js';
import type { ContactKey } from '../identity/cache.js';
import { companyBody, type IdentifyCompanyPayload } from './body.js';
import { identifyCompanyFields } from './fields.js';

async function upsertCompany(ctx: IntercomContext, payload: IdentifyCompanyPayload): Promise<string> {
  const { body, warnings } = companyBody(payload);
  for (const warning of warnings) ctx.warn(warning);
  const sent = ctx.sentCompanies;
  if (ctx.skipRepeatedCompanies && sent?.same(payload.company_id, body)) {
    // What ferry last sent for this company, accepted as it was: sending it again changes nothing in Intercom.
    const known = await ctx.cache.findCompany(ctx.destinationId, payload.company_id);
    if (known !== undefined) return known;
  }
  const create = attributeCreator(ctx, 'company');
  let changed = false;
  const response = await sendWithoutUnknownAttributes(
    body, (b) => ctx.intercom.request('POST', '/companies', b), (m) => {
      changed = true;
      ctx.warn(m);
    }, create ? { create } : {},
  );
  ensureOk(response);
  const id = (response.body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new ActionFailure({ kind: 'retry', reason: 'Intercom answered without a company id' });
  await ctx.cache.rememberCompany(ctx.destinationId, payload.company_id, id);
  // Only a body sent as it is: one with an attribute left out is sent again, so its warning is given again. Not
  // skipping, this delivery still makes what a skipping one remembers out of date.
  if (ctx.skipRepeatedCompanies && !changed) sent?.remember(payload.company_id, body);
  else sent?.forget(payload.company_id);
  return id;
}

function personKeys(ctx: IntercomContext, payload: IdentifyCompanyPayload): ContactKey[] {
  const keys: ContactKey[] = [];
  if (payload.external_id) keys.push({ kind: 'external_id', value: payload.external_id });
  if (payload.email) keys.push({ kind: 'email', value: payload.email });
  // A lead has neither; ferry knows it by the visitor's anonymousId.
  if (ctx.event.anonymousId) keys.push({ kind: 'anonymous_id', value: ctx.event.anonymousId });
  return keys;
}

/** Attaches; true when done, false when the contact id turned out stale (404 on the contact). */
async function attach(ctx: IntercomContext, contactId: string, companyId: string): Promise<boolean> {
  if (await ctx.cache.isAttached(ctx.destinationId, contactId, companyId)) return true;
  const response = await ctx.intercom.request('POST', `/contacts/${contactId}/companies`, { id: companyId });
  if (response.status === 404 && intercomErrors(response.body)[0]?.code === 'not_found') return false;
  ensureOk(response);
  await ctx.cache.rememberAttached(ctx.destinationId, contactId, companyId);
  return true;
}

/** R8 then R9/R10: the company upserted (or known as sent), then the person's contact attached to it. */
async function upsertAndAttach(ctx: IntercomContext, payload: IdentifyCompanyPayload): Promise<void> {
  const companyId = await upsertCompany(ctx, payload);
  if (payload.contact_id) {
    if (!(await attach(ctx, payload.contact_id, companyId))) ctx.warn('contact not found, not attached');
    return;
  }
  const keys = personKeys(ctx, payload);
  // R16: a stale cached id is forgotten and the lookup runs once more, against Intercom.
  for (const useCache of [true, false]) {
    const contact = await findContact(ctx, keys, { useCache });
    if (!contact) break;
    if (await attach(ctx, contact.id, companyId)) return;
    await ctx.cache.forgetContact(ctx.destinationId, contact.id);
    if (!contact.fromCache) break;
  }
  // R10: the company is in Intercom; it stays hidden there until a contact is attached.
  ctx.warn('contact not found, not attached');
}

export const identifyCompany = defineAction({
  key: 'identifyCompany',
  aliases: ['groupIdentifyContact'],
  title: 'Identify Company',
  description: 'Create or update a company in Intercom and attach a contact to it.',
  defaultTrigger: 'type = "group"',
  fields: identifyCompanyFields,
  perform: async (payload, ctx: IntercomContext) => {
    try {
      await upsertAndAttach(ctx, payload);
    } catch (error) {
      // A 404 or any other failure: the company may be gone or changed, so its next upsert is sent.
      ctx.sentCompanies?.forget(payload.company_id);
      throw error;
    }
  },
});
