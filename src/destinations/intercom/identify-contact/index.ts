// Identify Contact: create or update a user or lead in Intercom (R1-R7).
import { defineAction } from '../../kit/action.js';
import type { IntercomContext } from '../context.js';
import { checkUserIdentity, contactBody } from './body.js';
import { identifyCoalescing } from './coalesce.js';
import { identifyContactFields } from './fields.js';
import { upsertLead, upsertUser } from './upsert.js';

export const identifyContact = defineAction({
  key: 'identifyContact',
  title: 'Identify Contact',
  description: 'Create or update a contact (a user or a lead) in Intercom.',
  defaultTrigger: 'type = "identify"',
  fields: identifyContactFields,
  coalesce: identifyCoalescing,
  perform: async (payload, ctx: IntercomContext) => {
    checkUserIdentity(payload);
    const { body, warnings } = contactBody(payload);
    for (const warning of warnings) ctx.warn(warning);
    if (body.role === 'user') await upsertUser(ctx, body);
    else await upsertLead(ctx, body);
  },
});
