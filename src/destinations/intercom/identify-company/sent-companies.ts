// The company upsert last sent per company, so an identical one is skipped (a backlog of repeated group calls).
import { createHash } from 'node:crypto';

/**
 * Per workspace: a hash of the last company body Intercom accepted as sent, by company_id. In memory
 * and bounded (the oldest company forgotten first): a restart or a forgotten company costs one upsert more, never data.
 */
export class SentCompanies {
  private readonly hashes = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  /** True when `body` is what was last sent for the company. */
  same(companyId: string, body: unknown): boolean {
    return this.hashes.get(companyId) === hashOf(body);
  }

  remember(companyId: string, body: unknown): void {
    this.hashes.delete(companyId);
    if (this.hashes.size >= this.capacity) this.hashes.delete(this.hashes.keys().next().value!);
    this.hashes.set(companyId, hashOf(body));
  }

  /** After any failure touching the company (a 404 among them): the next upsert is sent. */
  forget(companyId: string): void {
    this.hashes.delete(companyId);
  }

  get size(): number {
    return this.hashes.size;
  }
}

function hashOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64');
}

const memories = new Map<string, SentCompanies>();

/** The memory of one workspace (`key`: Intercom's host and the token's hash), shared by its destinations. */
export function sentCompaniesFor(key: string): SentCompanies {
  let memory = memories.get(key);
  if (!memory) memories.set(key, (memory = new SentCompanies()));
  return memory;
}
