// Track Event: send a data event to Intercom for a user or lead (R11-R15).
import { FerryError } from '../../../errors.js';
import { defineAction } from '../../kit/action.js';
import type { IntercomContext } from '../context.js';
import { ActionFailure, ensureOk } from '../failure.js';
import { eventBody, type TrackEventPayload, type Who } from './body.js';
import { trackEventFields } from './fields.js';

// R15: a 404 may mean the identify is still on its way into Intercom's systems; retry this long, then give up.
export const USER_NOT_FOUND_RETRY_MS = 5 * 60_000;
export const USER_NOT_FOUND_REASON = 'no contact in Intercom for this user — send an identify first';

/** R12: id if given; else user_id; else the Intercom id ferry knows for the visitor (leads need it); else email. */
async function whoDidIt(payload: TrackEventPayload, ctx: IntercomContext): Promise<{ who: Who; cachedId?: string } | undefined> {
  if (payload.id) return { who: { id: payload.id } };
  if (payload.user_id) return { who: { user_id: payload.user_id } };
  if (ctx.event.anonymousId) {
    const known = await ctx.cache.findContact(ctx.destinationId, { kind: 'anonymous_id', value: ctx.event.anonymousId });
    if (known) return { who: { id: known.id }, cachedId: known.id };
  }
  if (payload.email) return { who: { email: payload.email } };
  return undefined;
}

export const trackEvent = defineAction({
  key: 'trackEvent',
  title: 'Track Event',
  description: 'Send a data event to Intercom for a user or a lead.',
  defaultTrigger: 'type = "track"',
  fields: trackEventFields,
  perform: async (payload, ctx: IntercomContext) => {
    let person = await whoDidIt(payload, ctx);
    if (!person) {
      throw new FerryError(
        'FERRY_ERR_PAYLOAD_INVALID',
        'trackEvent: who did it is unknown: map user_id, email or id, or identify the anonymous visitor first',
        { field: 'user_id' },
      );
    }
    // Once Intercom has answered 404, running out of ways to name the person is R15's case, not a validation error.
    for (let attempt = 0; person && attempt < 2; attempt++) {
      const { body, warnings } = eventBody(payload, person.who);
      const response = await ctx.intercom.request('POST', '/events', body);
      if (response.status !== 404) {
        ensureOk(response);
        for (const warning of warnings) ctx.warn(warning);
        return;
      }
      if (person.cachedId === undefined) break;
      // R16: the remembered contact is gone from Intercom; forget it and look again once.
      await ctx.cache.forgetContact(ctx.destinationId, person.cachedId);
      person = await whoDidIt(payload, ctx);
    }
    throw new ActionFailure(
      { kind: 'retry', reason: 'Intercom answered 404 User Not Found' },
      { retryWindowMs: USER_NOT_FOUND_RETRY_MS, finalReason: USER_NOT_FOUND_REASON },
    );
  },
});
