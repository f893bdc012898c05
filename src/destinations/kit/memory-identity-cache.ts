// The identity cache in memory: for `ferry test-event` and tests; the store provides the persistent one.
import { normalizeKey, type CachedContact, type ContactKey, type IdentityCache } from './identity-cache.js';

const contactSlot = (destinationId: string, key: ContactKey) => {
  const { kind, value } = normalizeKey(key);
  return `${destinationId}\u0000${kind}\u0000${value}`;
};

export class MemoryIdentityCache implements IdentityCache {
  private readonly contacts = new Map<string, CachedContact>();
  private readonly companies = new Map<string, string>();
  private readonly attached = new Set<string>();

  async findContact(destinationId: string, key: ContactKey) {
    const found = this.contacts.get(contactSlot(destinationId, key));
    return found && { ...found };
  }

  async rememberContact(destinationId: string, keys: readonly ContactKey[], contact: CachedContact) {
    for (const key of keys) this.contacts.set(contactSlot(destinationId, key), { ...contact });
  }

  async forgetContact(destinationId: string, contactId: string) {
    const prefix = `${destinationId}\u0000`;
    for (const [slot, contact] of this.contacts) {
      if (slot.startsWith(prefix) && contact.id === contactId) this.contacts.delete(slot);
    }
    const attachedPrefix = `${destinationId}\u0000${contactId}\u0000`;
    for (const pair of this.attached) if (pair.startsWith(attachedPrefix)) this.attached.delete(pair);
  }

  async findCompany(destinationId: string, companyId: string) {
    return this.companies.get(`${destinationId}\u0000${companyId}`);
  }

  async rememberCompany(destinationId: string, companyId: string, intercomId: string) {
    this.companies.set(`${destinationId}\u0000${companyId}`, intercomId);
  }

  async isAttached(destinationId: string, contactId: string, companyIntercomId: string) {
    return this.attached.has(`${destinationId}\u0000${contactId}\u0000${companyIntercomId}`);
  }

  async rememberAttached(destinationId: string, contactId: string, companyIntercomId: string) {
    this.attached.add(`${destinationId}\u0000${contactId}\u0000${companyIntercomId}`);
  }
}
