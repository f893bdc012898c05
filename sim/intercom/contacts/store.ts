// Contacts of one workspace: uniqueness indexes as Intercom enforces them, and a search index that lags behind writes.
import { copyContact, type ContactRecord } from './model.js';

interface IndexEntry {
  visibleAtMs: number;
  /** null: the contact was deleted as of visibleAtMs. */
  snapshot: ContactRecord | null;
}

const emailKey = (email: string) => email.toLowerCase();

export class ContactStore {
  private readonly byId = new Map<string, ContactRecord>();
  private readonly idByExternalId = new Map<string, string>();
  private readonly userIdByEmail = new Map<string, string>();
  private readonly searchIndex = new Map<string, IndexEntry[]>();

  /** `searchLagMs` is read at each write: a write becomes searchable that long after it happened. */
  constructor(private readonly searchLagMs: () => number) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ContactRecord | undefined {
    return this.byId.get(id);
  }

  /** Live (not archived) contact by id. */
  getLive(id: string): ContactRecord | undefined {
    const contact = this.byId.get(id);
    return contact && !contact.archived ? contact : undefined;
  }

  findByExternalId(externalId: string): ContactRecord | undefined {
    const id = this.idByExternalId.get(externalId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  findUserByEmail(email: string): ContactRecord | undefined {
    const id = this.userIdByEmail.get(emailKey(email));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The contact (other than `selfId`) that already holds this external_id, or this email among users. */
  findConflict(candidate: Pick<ContactRecord, 'role' | 'externalId' | 'email'>, selfId?: string) {
    const byExternal = candidate.externalId === null ? undefined : this.findByExternalId(candidate.externalId);
    if (byExternal && byExternal.id !== selfId) return byExternal;
    if (candidate.role !== 'user' || candidate.email === null) return undefined;
    const byEmail = this.findUserByEmail(candidate.email);
    return byEmail && byEmail.id !== selfId ? byEmail : undefined;
  }

  /** Stores a new contact or the new version of an existing one (the caller checked for conflicts). */
  save(contact: ContactRecord, nowMs: number): void {
    const previous = this.byId.get(contact.id);
    if (previous) this.unindex(previous);
    this.byId.set(contact.id, contact);
    if (contact.externalId !== null) this.idByExternalId.set(contact.externalId, contact.id);
    if (contact.role === 'user' && contact.email !== null) this.userIdByEmail.set(emailKey(contact.email), contact.id);
    this.writeSearchIndex(contact.id, copyContact(contact), nowMs);
  }

  delete(id: string, nowMs: number): void {
    const contact = this.byId.get(id);
    if (!contact) return;
    this.unindex(contact);
    this.byId.delete(id);
    this.writeSearchIndex(id, null, nowMs);
  }

  all(): IterableIterator<ContactRecord> {
    return this.byId.values();
  }

  /** What a search sees at `nowMs`: each contact as it was last indexed, archived ones left out. */
  searchable(nowMs: number): ContactRecord[] {
    const visible: ContactRecord[] = [];
    for (const [id, entries] of this.searchIndex) {
      let current: IndexEntry | undefined;
      let currentAt = -1;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        if (entry.visibleAtMs <= nowMs) {
          current = entry;
          currentAt = i;
        }
      }
      if (currentAt > 0) entries.splice(0, currentAt);
      if (current && current.snapshot === null && entries.length === 1) this.searchIndex.delete(id);
      if (current?.snapshot && !current.snapshot.archived) visible.push(current.snapshot);
    }
    return visible;
  }

  clear(): void {
    this.byId.clear();
    this.idByExternalId.clear();
    this.userIdByEmail.clear();
    this.searchIndex.clear();
  }

  private unindex(contact: ContactRecord): void {
    if (contact.externalId !== null && this.idByExternalId.get(contact.externalId) === contact.id) {
      this.idByExternalId.delete(contact.externalId);
    }
    if (contact.email !== null && this.userIdByEmail.get(emailKey(contact.email)) === contact.id) {
      this.userIdByEmail.delete(emailKey(contact.email));
    }
  }

  private writeSearchIndex(id: string, snapshot: ContactRecord | null, nowMs: number): void {
    const lag = this.searchLagMs();
    const entry = { visibleAtMs: nowMs + lag, snapshot };
    const entries = this.searchIndex.get(id);
    if (lag === 0 || !entries) this.searchIndex.set(id, [entry]);
    else entries.push(entry);
  }
}
