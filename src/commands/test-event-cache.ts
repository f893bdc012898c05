// `ferry test-event --data-dir`: the identity cache a ferry keeps in its data dir, written when free, else read only.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { FerryError } from '../errors.js';
import type { CachedContact, ContactKey, IdentityCache } from '../destinations/kit/identity-cache.js';
import { MemoryIdentityCache } from '../destinations/kit/memory-identity-cache.js';
import { connect, SqliteIdentityCache } from '../store/sqlite/index.js';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

export interface DataDirCache {
  cache: IdentityCache;
  /** What the output says about the cache used. */
  note: string;
  close(): void;
}

/**
 * Reads the data dir's identity cache and never writes it: what this run learns stays in memory, over it. Used while
 * a running ferry holds the data dir, whose deliveries own the cache.
 */
export class ReadOnlyIdentityCache implements IdentityCache {
  private readonly learned = new MemoryIdentityCache();
  private readonly forgotten = new Set<string>();

  constructor(private readonly stored: IdentityCache) {}

  private isForgotten(destinationId: string, contactId: string): boolean {
    return this.forgotten.has(`${destinationId}\u0000${contactId}`);
  }

  async findContact(destinationId: string, key: ContactKey): Promise<CachedContact | undefined> {
    const learned = await this.learned.findContact(destinationId, key);
    if (learned) return learned;
    const stored = await this.stored.findContact(destinationId, key);
    return stored && !this.isForgotten(destinationId, stored.id) ? stored : undefined;
  }

  async rememberContact(destinationId: string, keys: readonly ContactKey[], contact: CachedContact): Promise<void> {
    this.forgotten.delete(`${destinationId}\u0000${contact.id}`);
    await this.learned.rememberContact(destinationId, keys, contact);
  }

  async forgetContact(destinationId: string, contactId: string): Promise<void> {
    this.forgotten.add(`${destinationId}\u0000${contactId}`);
    await this.learned.forgetContact(destinationId, contactId);
  }

  async findCompany(destinationId: string, companyId: string): Promise<string | undefined> {
    return (await this.learned.findCompany(destinationId, companyId)) ?? this.stored.findCompany(destinationId, companyId);
  }

  rememberCompany(destinationId: string, companyId: string, intercomId: string): Promise<void> {
    return this.learned.rememberCompany(destinationId, companyId, intercomId);
  }

  async isAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<boolean> {
    if (await this.learned.isAttached(destinationId, contactId, companyIntercomId)) return true;
    return !this.isForgotten(destinationId, contactId) && this.stored.isAttached(destinationId, contactId, companyIntercomId);
  }

  rememberAttached(destinationId: string, contactId: string, companyIntercomId: string): Promise<void> {
    return this.learned.rememberAttached(destinationId, contactId, companyIntercomId);
  }
}

/**
 * The identity cache of `dataDir`'s database. With the data dir free, test-event holds it for the run and reads and
 * writes the cache, like the server. While a running ferry holds it, the cache is read but not written (that
 * ferry's deliveries own it): the note says so, and points to --url, which runs the event through that ferry.
 */
export function openDataDirCache(dataDir: string): DataDirCache {
  const dir = resolve(dataDir);
  const file = join(dir, 'ferry.db');
  if (!existsSync(file)) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `--data-dir ${dir}: no ferry database (ferry.db) there; give the data dir a ferry start uses`, {
      path: '--data-dir',
    });
  }
  let unlock: () => void;
  try {
    unlock = lockDataDir(dir);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return {
      cache: new ReadOnlyIdentityCache(new SqliteIdentityCache(db)),
      note: `read only: a running ferry (pid ${error.pid}) holds the data dir ${dir}, so its identity cache was read ` +
        "but what this run learned was not written; run the event through that ferry with --url to keep it",
      close: () => db.close(),
    };
  }
  try {
    const db = connect({ file });
    return {
      cache: new SqliteIdentityCache(db),
      note: `the identity cache of the data dir ${dir}, read and written like the server's`,
      close: () => {
        db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
