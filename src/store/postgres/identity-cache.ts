// R16's identity cache over the identity_* tables, with the semantics of MemoryIdentityCache.
import type pg from 'pg';
import { normalizeKey, type CachedContact, type ContactKey, type IdentityCache } from '../types.js';
import { pgText, query, transaction } from './pool.js';

/** A key as stored: emails lower-cased (normalizeKey), U+0000 replaced (pgText). */
const storableKey = (key: ContactKey): ContactKey => {
  const { kind, value } = normalizeKey(key);
  return { kind, value: pgText(value) };
};

export class PostgresIdentityCache implements IdentityCache {
  constructor(private readonly pool: pg.Pool) {}

  async findContact(destinationId: string, key: ContactKey): Promise<CachedContact | undefined> {
    const { kind, value } = storableKey(key);
    const { rows } = await query<CachedContact>(
      this.pool,
      'SELECT contact_id AS id, role FROM identity_contacts WHERE destination_id = $1 AND kind = $2 AND value = $3',
      [pgText(destinationId), kind, value],
    );
    return rows[0] === undefined ? undefined : { id: rows[0].id, role: rows[0].role };
  }

  /** Every key in one statement (the last of a key given twice wins, as one after the other would). */
  async rememberContact(destinationId: string, keys: readonly ContactKey[], contact: CachedContact): Promise<void> {
    const unique = new Map(keys.map(storableKey).map((key) => [`${key.kind}\u0000${key.value}`, key]));
    if (unique.size === 0) return;
    await query(
      this.pool,
      `INSERT INTO identity_contacts (destination_id, kind, value, contact_id, role)
       SELECT $1, k.kind, k.value, $4, $5 FROM unnest($2::text[], $3::text[]) AS k(kind, value)
       ON CONFLICT (destination_id, kind, value) DO UPDATE SET contact_id = excluded.contact_id, role = excluded.role`,
      [pgText(destinationId), [...unique.values()].map((k) => k.kind), [...unique.values()].map((k) => k.value), pgText(contact.id), contact.role],
    );
  }

  async forgetContact(destinationId: string, contactId: string): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('DELETE FROM identity_contacts WHERE destination_id = $1 AND contact_id = $2', [pgText(destinationId), pgText(contactId)]);
      await client.query('DELETE FROM identity_attachments WHERE destination_id = $1 AND contact_id = $2', [pgText(destinationId), pgText(contactId)]);
    });
  }

  async findCompany(destinationId: string, companyId: string): Promise<string | undefined> {
    const { rows } = await query<{ intercom_id: string }>(
      this.pool,
      'SELECT intercom_id FROM identity_companies WHERE destination_id = $1 AND company_id = $2',
      [pgText(destinationId), pgText(companyId)],
    );
    return rows[0]?.intercom_id;
  }

  async rememberCompany(destinationId: string, companyId: string, intercomId: string): Promise<void> {
    await query(
      this.pool,
      `INSERT INTO identity_companies (destination_id, company_id, intercom_id) VALUES ($1, $2, $3)
       ON CONFLICT (destination_id, company_id) DO UPDATE SET intercom_id = excluded.intercom_id`,
      [pgText(destinationId), pgText(companyId), pgText(intercomId)],
    );
  }

  async isAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<boolean> {
    const { rowCount } = await query(
      this.pool,
      'SELECT 1 FROM identity_attachments WHERE destination_id = $1 AND contact_id = $2 AND company_intercom_id = $3',
      [pgText(destinationId), pgText(contactId), pgText(companyIntercomId)],
    );
    return (rowCount ?? 0) > 0;
  }

  async rememberAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<void> {
    await query(
      this.pool,
      `INSERT INTO identity_attachments (destination_id, contact_id, company_intercom_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [pgText(destinationId), pgText(contactId), pgText(companyIntercomId)],
    );
  }
}
