// The database, -wal and -shm files are 0600 on disk: created so, and tightened when an earlier version left them 0644.
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-modes-'));
  dirs.push(dir);
  return dir;
}

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
const DATABASE_FILES = ['ferry.db', 'ferry.db-wal', 'ferry.db-shm'];

describe.skipIf(process.platform === 'win32')('database file modes', () => {
  it('creates the database, its -wal and its -shm readable by their owner only', async () => {
    const dir = newDir();
    const store = await openSqliteStore({ file: join(dir, 'ferry.db') });
    try {
      await store.setSetting('written', 'so the WAL holds a page');
      for (const name of DATABASE_FILES) expect([name, modeOf(join(dir, name))]).toEqual([name, '600']);
    } finally {
      await store.close();
    }
  });

  it('tightens a database and -wal an earlier version left 0644, and the -shm it opens next', async () => {
    const dir = newDir();
    const file = join(dir, 'ferry.db');
    // As an earlier ferry left them after a crash: WAL mode, files 0644, the last commit still in the WAL.
    const running = new Database(join(dir, 'running.db'));
    running.pragma('journal_mode = WAL');
    running.pragma('wal_autocheckpoint = 0');
    running.exec('CREATE TABLE earlier (x); INSERT INTO earlier VALUES (1)');
    copyFileSync(join(dir, 'running.db'), file);
    copyFileSync(join(dir, 'running.db-wal'), `${file}-wal`);
    running.close();
    for (const name of ['ferry.db', 'ferry.db-wal']) chmodSync(join(dir, name), 0o644);

    const store = await openSqliteStore({ file });
    try {
      expect(store.db.prepare('SELECT x FROM earlier').all()).toEqual([{ x: 1 }]);
      for (const name of DATABASE_FILES) {
        expect(existsSync(join(dir, name))).toBe(true);
        expect([name, modeOf(join(dir, name))]).toEqual([name, '600']);
      }
    } finally {
      await store.close();
    }
  });
});
