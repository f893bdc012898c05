// R16: what ferry has learned about a destination's ids for people and companies, so steady-state traffic costs one call.

export type ContactKeyKind = 'external_id' | 'email' | 'anonymous_id' | 'lead_email';

/** A way ferry knows a person: by userId (external_id), by a user's email, by anonymousId, or by a lead's email. */
export interface ContactKey {
  kind: ContactKeyKind;
  value: string;
}

export interface CachedContact {
  id: string;
  role: 'user' | 'lead';
}

/** Async so that a persistent store (SQLite, PostgreSQL) can implement it; scoped per destination. */
export interface IdentityCache {
  findContact(destinationId: string, key: ContactKey): Promise<CachedContact | undefined>;
  rememberContact(destinationId: string, keys: readonly ContactKey[], contact: CachedContact): Promise<void>;
  /** Forgets every key that points at this Intercom contact, and its company attachments. */
  forgetContact(destinationId: string, contactId: string): Promise<void>;
  findCompany(destinationId: string, companyId: string): Promise<string | undefined>;
  rememberCompany(destinationId: string, companyId: string, intercomId: string): Promise<void>;
  isAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<boolean>;
  rememberAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<void>;
}

/** Emails are one address whatever their case (Intercom compares them so). */
export function normalizeKey(key: ContactKey): ContactKey {
  return key.kind === 'email' || key.kind === 'lead_email' ? { kind: key.kind, value: key.value.toLowerCase() } : key;
}
