// Identify Contact: create or update a user or lead in Intercom (R1-R7).
import { FerryError } from '../../../errors.js';
import { defineAction } from '../../kit/action.js';
import type { IntercomContext } from '../context.js';
import { contactBody } from './body.js';
import { identifyContactFields } from './fields.js';
import { upsertLead, upsertUser } from './upsert.js';

export const identifyContact = defineAction({
  key: 'identifyContact',
  title: 'Identify Contact',
  description: 'Create or update a contact (a user or a lead) in Intercom.',
  defaultTrigger: 'type = "identify"',
  fields: identifyContactFields,
  perform: async (payload, ctx: IntercomContext) => {
    if (payload.role === 'user' && !payload.external_id && !payload.email) {
      // R1: Intercom needs one of them to know which user this is.
      throw new FerryError(
        'FERRY_ERR_PAYLOAD_INVALID',
        "identifyContact: a contact with role 'user' needs an external_id or an email",
        { field: 'external_id' },
      );
    }
    const { body, warnings } = contactBody(payload);
    for (const warning of warnings) ctx.warn(warning);
    if (body.role === 'user') await upsertUser(ctx, body);
    else await upsertLead(ctx, body);
  },
});
