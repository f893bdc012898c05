// R23's suppressions as ingest checks them: HMACs of erased identifiers, kept in memory, so a check costs no store read.
import { createHmac } from 'node:crypto';
import type { PeopleStore, PersonIdentifierKind, Suppression } from '../store/types.js';

export type SuppressionStore = Pick<PeopleStore, 'addSuppression' | 'listSuppressions' | 'deleteSuppression'>;

/** Emails are one address whatever their case; ids are compared as given. */
const normalized = (kind: PersonIdentifierKind, value: string) => (kind === 'email' ? value.trim().toLowerCase() : value);

/** HMAC-SHA256 (hex) of an identifier with the data dir's secret key: what the store keeps instead of the identifier. */
export function personHash(secretKey: Buffer, kind: PersonIdentifierKind, value: string): string {
  return createHmac('sha256', secretKey).update(`ferry-suppression\0${kind}\0${normalized(kind, value)}`).digest('hex');
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const traitsEmail = (traits: unknown) =>
  traits !== null && typeof traits === 'object' ? text((traits as Record<string, unknown>).email) : undefined;

/** The identifiers of an event a suppression can name: its userId, anonymousId and the email of its traits. */
export function identifiersOf(event: Record<string, unknown>): Array<[PersonIdentifierKind, string]> {
  const found: Array<[PersonIdentifierKind, string]> = [];
  const userId = text(event.userId);
  const anonymousId = text(event.anonymousId);
  if (userId !== undefined) found.push(['userId', userId]);
  if (anonymousId !== undefined) found.push(['anonymousId', anonymousId]);
  const context = event.context as Record<string, unknown> | undefined;
  for (const email of new Set([traitsEmail(event.traits), traitsEmail(context?.traits)])) {
    if (email !== undefined) found.push(['email', email]);
  }
  return found;
}

/** How many identifiers' answers are remembered between changes (a user sends many events; an HMAC costs ~3 us). */
const MEMO_SIZE = 10_000;

/** The suppressions in force: loaded once at start, changed only through this object (which writes the store first). */
export class Suppressions {
  private readonly hashes = new Map<number, string>();
  private readonly active = new Set<string>();
  /** Answers per identifier, in memory only; emptied at every change and when full. */
  private readonly memo = new Map<string, boolean>();

  private constructor(
    private readonly store: SuppressionStore,
    private readonly secretKey: Buffer,
  ) {}

  static async load(store: SuppressionStore, secretKey: Buffer): Promise<Suppressions> {
    const suppressions = new Suppressions(store, secretKey);
    for (const s of await store.listSuppressions()) suppressions.remember(s);
    return suppressions;
  }

  /** Whether the event belongs to a suppressed person; free while nothing is suppressed. */
  isSuppressed(event: Record<string, unknown>): boolean {
    if (this.active.size === 0) return false;
    return identifiersOf(event).some(([kind, value]) => this.isSuppressedIdentifier(kind, value));
  }

  private isSuppressedIdentifier(kind: PersonIdentifierKind, value: string): boolean {
    const key = `${kind}\0${value}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    const suppressed = this.active.has(personHash(this.secretKey, kind, value));
    this.memo.set(key, suppressed);
    return suppressed;
  }

  async add(kind: PersonIdentifierKind, value: string, now: Date): Promise<Suppression> {
    const suppression = await this.store.addSuppression(kind, personHash(this.secretKey, kind, value), now);
    this.remember(suppression);
    return suppression;
  }

  list(): Promise<Suppression[]> {
    return this.store.listSuppressions();
  }

  /** Lifts one: events of that person are stored and delivered again from now on. False when there was none. */
  async lift(id: number): Promise<boolean> {
    const lifted = await this.store.deleteSuppression(id);
    const hash = this.hashes.get(id);
    if (hash !== undefined) {
      this.hashes.delete(id);
      this.active.delete(hash);
      this.memo.clear();
    }
    return lifted;
  }

  private remember(suppression: Suppression): void {
    this.hashes.set(suppression.id, suppression.hash);
    this.active.add(suppression.hash);
    this.memo.clear();
  }
}
