// Identify Contact payload -> the body of Intercom's create/update contact request (pure).
import type { Static, TObject } from '@sinclair/typebox';
import { FerryError } from '../../../errors.js';
import { withoutUndefined } from '../../kit/objects.js';
import { toUnixSeconds } from '../../kit/time.js';
import { attributesForBody } from '../custom-attributes.js';
import type { identifyContactFields } from './fields.js';

export type IdentifyContactPayload = Static<TObject<typeof identifyContactFields>>;

export interface ContactBody {
  role: 'user' | 'lead';
  external_id?: string;
  email?: string;
  phone?: string;
  name?: string;
  avatar?: string;
  signed_up_at?: number;
  last_seen_at?: number;
  owner_id?: number;
  unsubscribed_from_emails?: boolean;
  custom_attributes?: Record<string, string | number | boolean | null>;
  [key: string]: unknown;
}

/** R1: Intercom needs an external_id or an email to know which user this is. */
export function checkUserIdentity(payload: IdentifyContactPayload): void {
  if (payload.role === 'user' && !payload.external_id && !payload.email) {
    throw new FerryError(
      'FERRY_ERR_PAYLOAD_INVALID',
      "identifyContact: a contact with role 'user' needs an external_id or an email",
      { field: 'external_id' },
    );
  }
}

const seconds = (value: string | number | undefined, name: string) =>
  value === undefined ? undefined : toUnixSeconds(value, name, 'identifyContact');

export function contactBody(payload: IdentifyContactPayload): { body: ContactBody; warnings: string[] } {
  const warnings: string[] = [];
  const body: ContactBody = {
    role: payload.role,
    // R2: Intercom forbids an external_id on a lead.
    external_id: payload.role === 'user' ? payload.external_id : undefined,
    email: payload.email,
    phone: payload.phone,
    name: payload.name,
    avatar: payload.avatar,
    signed_up_at: seconds(payload.signed_up_at, 'signed_up_at'),
    last_seen_at: seconds(payload.last_seen_at, 'last_seen_at'),
    owner_id: payload.owner_id,
    unsubscribed_from_emails: payload.unsubscribed_from_emails,
  };
  if (payload.role === 'lead' && payload.external_id !== undefined) {
    warnings.push('external_id left out: Intercom does not allow an external_id on a lead');
  }
  const { attributes, warning } = attributesForBody(payload.custom_attributes);
  if (attributes) body.custom_attributes = attributes;
  if (warning) warnings.push(warning);
  return { body: withoutUndefined(body), warnings };
}
