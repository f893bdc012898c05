// Data events of one workspace, deduplicated the way Intercom does (same contact, name and created_at).

export type MetadataValue = string | number | boolean | null | { url: string; value: string } | { amount: number; currency: string };

export interface EventRecord {
  contactId: string;
  eventName: string;
  createdAt: number;
  metadata: Record<string, MetadataValue>;
}

/** What makes an event unique in Intercom: contact, name and created_at. */
const keyOf = (event: EventRecord) => `${event.contactId}\u0000${event.eventName}\u0000${event.createdAt}`;

export class EventStore {
  private events: EventRecord[] = [];
  private keys = new Set<string>();
  /** Events answered 202 but dropped as duplicates. */
  duplicates = 0;

  /** Returns false when the event is a duplicate (still accepted, not stored). */
  add(event: EventRecord): boolean {
    const key = keyOf(event);
    if (this.keys.has(key)) {
      this.duplicates += 1;
      return false;
    }
    this.keys.add(key);
    this.events.push(event);
    return true;
  }

  /**
   * A merge moves the lead's events to the user. A lead event the user already has (same name and created_at)
   * would be a duplicate of the user's own, so it is dropped rather than stored twice.
   */
  reassign(fromContactId: string, toContactId: string): void {
    const userKeys = new Set(this.events.filter((e) => e.contactId === toContactId).map(keyOf));
    const collides = (e: EventRecord) => userKeys.has(keyOf({ ...e, contactId: toContactId }));
    this.events = this.events.filter((e) => e.contactId !== fromContactId || !collides(e));
    for (const event of this.events) if (event.contactId === fromContactId) event.contactId = toContactId;
    this.keys = new Set(this.events.map(keyOf));
  }

  forContact(contactId: string): EventRecord[] {
    return this.events.filter((e) => e.contactId === contactId);
  }

  all(): readonly EventRecord[] {
    return this.events;
  }

  clear(): void {
    this.events = [];
    this.keys.clear();
    this.duplicates = 0;
  }
}
