// Test support (R23): a data dir's database, its -wal and its -shm as raw bytes — what the disk holds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function databaseBytes(dataDir: string): Buffer {
  const files = ['ferry.db', 'ferry.db-wal', 'ferry.db-shm'].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}
