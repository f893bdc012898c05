// R16's identity cache over the identity_* tables, with the semantics of MemoryIdentityCache.
import type Database from 'better-sqlite3';
import {
  normalizeKey,
  type CachedContact,
  type ContactKey,
  type IdentityCache,
} from '../../destinations/kit/identity-cache.js';

export class SqliteIdentityCache implements IdentityCache {
  private readonly selectContact;
  private readonly upsertContact;
  private readonly deleteContactKeys;
  private readonly deleteContactAttachments;
  private readonly selectCompany;
  private readonly upsertCompany;
  private readonly selectAttached;
  private readonly insertAttached;
  private readonly rememberAll;
  private readonly forgetAll;

  constructor(db: Database.Database) {
    this.selectContact = db.prepare<[string, string, string], CachedContact>(
      'SELECT contact_id AS id, role FROM identity_contacts WHERE destination_id = ? AND kind = ? AND value = ?',
    );
    this.upsertContact = db.prepare(
      `INSERT INTO identity_contacts (destination_id, kind, value, contact_id, role) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (destination_id, kind, value) DO UPDATE SET contact_id = excluded.contact_id, role = excluded.role`,
    );
    this.deleteContactKeys = db.prepare('DELETE FROM identity_contacts WHERE destination_id = ? AND contact_id = ?');
    this.deleteContactAttachments = db.prepare(
      'DELETE FROM identity_attachments WHERE destination_id = ? AND contact_id = ?',
    );
    this.selectCompany = db.prepare<[string, string], { intercom_id: string }>(
      'SELECT intercom_id FROM identity_companies WHERE destination_id = ? AND company_id = ?',
    );
    this.upsertCompany = db.prepare(
      `INSERT INTO identity_companies (destination_id, company_id, intercom_id) VALUES (?, ?, ?)
       ON CONFLICT (destination_id, company_id) DO UPDATE SET intercom_id = excluded.intercom_id`,
    );
    this.selectAttached = db.prepare<[string, string, string], { one: number }>(
      `SELECT 1 AS one FROM identity_attachments
       WHERE destination_id = ? AND contact_id = ? AND company_intercom_id = ?`,
    );
    this.insertAttached = db.prepare(
      `INSERT INTO identity_attachments (destination_id, contact_id, company_intercom_id) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.rememberAll = db.transaction((destinationId: string, keys: readonly ContactKey[], contact: CachedContact) => {
      for (const key of keys) {
        const { kind, value } = normalizeKey(key);
        this.upsertContact.run(destinationId, kind, value, contact.id, contact.role);
      }
    });
    this.forgetAll = db.transaction((destinationId: string, contactId: string) => {
      this.deleteContactKeys.run(destinationId, contactId);
      this.deleteContactAttachments.run(destinationId, contactId);
    });
  }

  async findContact(destinationId: string, key: ContactKey): Promise<CachedContact | undefined> {
    const { kind, value } = normalizeKey(key);
    const row = this.selectContact.get(destinationId, kind, value);
    return row === undefined ? undefined : { id: row.id, role: row.role };
  }

  async rememberContact(destinationId: string, keys: readonly ContactKey[], contact: CachedContact): Promise<void> {
    this.rememberAll.immediate(destinationId, keys, contact);
  }

  async forgetContact(destinationId: string, contactId: string): Promise<void> {
    this.forgetAll.immediate(destinationId, contactId);
  }

  async findCompany(destinationId: string, companyId: string): Promise<string | undefined> {
    return this.selectCompany.get(destinationId, companyId)?.intercom_id;
  }

  async rememberCompany(destinationId: string, companyId: string, intercomId: string): Promise<void> {
    this.upsertCompany.run(destinationId, companyId, intercomId);
  }

  async isAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<boolean> {
    return this.selectAttached.get(destinationId, contactId, companyIntercomId) !== undefined;
  }

  async rememberAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<void> {
    this.insertAttached.run(destinationId, contactId, companyIntercomId);
  }
}
