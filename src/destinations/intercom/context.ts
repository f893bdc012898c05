// What an Intercom action's perform gets besides its payload: the API, the identity cache, the event's ids, a warn hook.
import type { IntercomResponse } from './client/index.js';
import type { IdentityCache } from './identity/cache.js';
import type { AttributeMemory } from './missing-attributes.js';
import type { SentCompanies } from './identify-company/sent-companies.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface IntercomApi {
  request(method: HttpMethod, path: string, body?: unknown): Promise<IntercomResponse>;
}

export interface IntercomContext {
  intercom: IntercomApi;
  cache: IdentityCache;
  destinationId: string;
  /** The destination's `matchLeadsByEmail` setting (default off): look for leads ferry did not create by a new user's email (R4). */
  matchLeadsByEmail?: boolean;
  /** The Segment identities of the event being delivered (leads are remembered by anonymousId, R2). */
  event: { userId?: string | null; anonymousId?: string | null };
  /** Records a warning on the delivery: the data arrived, but not all of it (R7, R10, R14). */
  warn(message: string): void;
  /** R24: set when the destination creates missing custom attributes (`createMissingAttributes`); what it learned. */
  attributeMemory?: AttributeMemory;
  /** The company upserts ferry sent to this workspace (every delivery keeps it up to date). */
  sentCompanies?: SentCompanies;
  /** `coalesce` on and no other process delivering: an upsert identical to the last one sent is skipped. */
  skipRepeatedCompanies?: boolean;
}
