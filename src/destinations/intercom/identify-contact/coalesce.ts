// A person's queued identifies as one contact write (a backlog): which may be merged, and the merged payload (pure).
import type { Coalescing } from '../../kit/action.js';
import { scalarAttributes } from '../custom-attributes.js';
import { checkUserIdentity, contactBody, type IdentifyContactPayload } from './body.js';

/**
 * Only identifies naming the same contact the same way are merged: same role, external_id and email. A run that
 * changes any of them (a lead signing up, a new email) goes one by one, so conversions and merges (R3-R5) happen
 * exactly as they would. Throws R1's error, and a date's, for a payload perform would refuse.
 */
export function identifyRunKey(payload: IdentifyContactPayload): string {
  checkUserIdentity(payload);
  const { body } = contactBody(payload);
  return JSON.stringify([body.role, body.external_id ?? null, body.email ?? null]);
}

/**
 * Field by field, the later payload wins where it has the field (one by one, a write leaves the fields it does not
 * send as they were); custom attributes key by key the same way. A later attribute Intercom cannot take (not a
 * scalar) is left out of its write, so the earlier value stays, as it would in Intercom.
 */
export function mergeIdentifies(payloads: readonly IdentifyContactPayload[]): IdentifyContactPayload {
  const merged: Record<string, unknown> = {};
  let attributes: Record<string, unknown> | undefined;
  for (const payload of payloads) {
    for (const [key, value] of Object.entries(payload)) {
      if (key !== 'custom_attributes' && value !== undefined) merged[key] = value;
    }
    if (payload.custom_attributes) attributes = mergeAttributes(attributes ?? {}, payload.custom_attributes);
  }
  if (attributes) merged.custom_attributes = attributes;
  return merged as IdentifyContactPayload;
}

function mergeAttributes(earlier: Record<string, unknown>, later: Record<string, unknown>): Record<string, unknown> {
  const result = { ...earlier };
  const { kept, dropped } = scalarAttributes(later);
  Object.assign(result, kept);
  // Still named, so the write warns it was left out, as the later identify's own write would have.
  for (const name of dropped) if (!(name in result)) result[name] = later[name];
  return result;
}

export const identifyCoalescing: Coalescing<IdentifyContactPayload> = { runKey: identifyRunKey, merge: mergeIdentifies };
