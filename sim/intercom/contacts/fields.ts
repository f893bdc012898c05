// Contact request bodies: reading them, and the rules a contact must satisfy before it is saved.
import { IntercomError, parameterInvalid } from '../errors.js';
import {
  readBoolean, readCustomAttributes, readInteger, readString, readTimestamp, rejectUnknown, requireObject,
} from '../input.js';
import type { Workspace } from '../workspace.js';
import { checkAttributesExist } from '../data-attributes/check.js';
import type { ContactRecord, Role, Scalar } from './model.js';

const CONTACT_FIELDS = new Set([
  'role', 'external_id', 'email', 'phone', 'name', 'avatar', 'signed_up_at', 'last_seen_at', 'owner_id',
  'unsubscribed_from_emails', 'custom_attributes',
]);

export interface ContactInput {
  role?: Role;
  externalId?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  avatar?: string | null;
  signedUpAt?: number | null;
  lastSeenAt?: number | null;
  ownerId?: number | null;
  unsubscribedFromEmails?: boolean | null;
  customAttributes?: Record<string, Scalar>;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function readContactInput(raw: unknown): ContactInput {
  const body = requireObject(raw);
  rejectUnknown(body, CONTACT_FIELDS);
  const role = readString(body, 'role', { nullable: false });
  if (role !== undefined && role !== 'user' && role !== 'lead') {
    throw parameterInvalid("role must be either 'user' or 'lead'", 'role');
  }
  const email = readString(body, 'email', { maxLength: 255 });
  // An empty string is not an address: kept, it would pass as a user's identity and become a uniqueness key.
  if (typeof email === 'string' && !EMAIL.test(email)) throw parameterInvalid('The email address is invalid', 'email');
  const externalId = readString(body, 'external_id', { maxLength: 255 });
  if (externalId === '') throw parameterInvalid('external_id must not be empty', 'external_id');
  const avatar = readString(body, 'avatar');
  if (avatar && !/^https?:\/\/\S+$/i.test(avatar)) throw parameterInvalid('avatar must be a URL', 'avatar');
  const input: ContactInput = {
    role,
    externalId,
    email,
    phone: readString(body, 'phone', { maxLength: 255 }),
    name: readString(body, 'name', { maxLength: 255 }),
    avatar,
    signedUpAt: readTimestamp(body, 'signed_up_at'),
    lastSeenAt: readTimestamp(body, 'last_seen_at'),
    ownerId: readInteger(body, 'owner_id'),
    unsubscribedFromEmails: readBoolean(body, 'unsubscribed_from_emails'),
    customAttributes: readCustomAttributes(body),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ContactInput;
}

/** `base` with the sent fields applied (a field sent as null clears it). */
export function applyContactInput(base: ContactRecord, input: ContactInput, nowSeconds: number): ContactRecord {
  const pick = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
  return {
    ...base,
    role: input.role ?? base.role,
    externalId: pick(input.externalId, base.externalId),
    email: pick(input.email, base.email),
    phone: pick(input.phone, base.phone),
    name: pick(input.name, base.name),
    avatar: pick(input.avatar, base.avatar),
    signedUpAt: pick(input.signedUpAt, base.signedUpAt),
    lastSeenAt: pick(input.lastSeenAt, base.lastSeenAt),
    ownerId: pick(input.ownerId, base.ownerId),
    // Sent as null, the flag goes back to Intercom's default (subscribed).
    unsubscribedFromEmails: input.unsubscribedFromEmails === undefined ? base.unsubscribedFromEmails : input.unsubscribedFromEmails === true,
    customAttributes: { ...base.customAttributes, ...input.customAttributes },
    updatedAt: nowSeconds,
  };
}

/** Intercom's rules for a contact about to be written; throws the error Intercom answers. */
export function checkContact(workspace: Workspace, contact: ContactRecord, input: ContactInput): void {
  if (contact.role === 'user' && contact.externalId === null && contact.email === null) {
    throw parameterInvalid('A user must have an email or an external_id', 'email');
  }
  if (contact.role === 'lead' && contact.externalId !== null) {
    throw parameterInvalid('A lead cannot have an external_id', 'external_id');
  }
  if (input.ownerId !== undefined && input.ownerId !== null && String(input.ownerId) !== workspace.spec.adminId) {
    throw parameterInvalid('The owner specified is not a member of the workspace', 'owner_id');
  }
  if (input.customAttributes) checkAttributesExist(workspace, 'contact', input.customAttributes);
  const conflict = workspace.contacts.findConflict(contact, contact.id);
  if (conflict) {
    const prefix = conflict.archived ? 'An archived contact' : 'A contact';
    throw new IntercomError(409, 'conflict', `${prefix} matching those details already exists with id=${conflict.id}`);
  }
}
