// The admin token: FERRY_ADMIN_TOKEN when set (and long enough), else generated once and kept only as a hash.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../commands/test-support/ferry.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { adminToken, hashToken, tokenMatches } from './auth.js';
import { startFerryProcess } from './test-support/ferry-process.js';

const LONG_ENOUGH = 'a-chosen-admin-token-24c';

describe('adminToken', () => {
  it('generates a token on the first start, stores only its hash, and keeps that hash on later starts', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    try {
      const first = await adminToken(store, undefined);
      expect(first.generated).toMatch(/^ferry_admin_[A-Za-z0-9_-]{32}$/);
      expect(first.hash).toBe(hashToken(first.generated!));
      expect(await store.getSetting('admin_token_sha256')).toBe(first.hash);
      expect(JSON.stringify(store.db.prepare('SELECT * FROM settings').all())).not.toContain(first.generated);
      expect(await adminToken(store, undefined)).toEqual({ hash: first.hash });
      expect(tokenMatches(`Bearer ${first.generated}`, first.hash)).toBe(true);
      expect(tokenMatches(`Bearer ${first.generated}x`, first.hash)).toBe(false);
      // The variable, when set, wins and is not stored.
      expect(await adminToken(store, LONG_ENOUGH)).toEqual({ hash: hashToken(LONG_ENOUGH) });
      expect(await store.getSetting('admin_token_sha256')).toBe(first.hash);
    } finally {
      await store.close();
    }
  });
});

describe('a chosen admin token', () => {
  it('is refused under 24 characters or with spaces, and accepted from 24', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    try {
      expect(LONG_ENOUGH).toHaveLength(24);
      await expect(adminToken(store, LONG_ENOUGH.slice(1))).rejects.toMatchObject({
        code: 'FERRY_ERR_CONFIG_INVALID',
        message: 'FERRY_ADMIN_TOKEN is too short: it must be at least 24 characters long, and this one has 23. Generate one with: openssl rand -hex 32',
      });
      await expect(adminToken(store, 'x')).rejects.toThrow(/FERRY_ADMIN_TOKEN is too short: .* this one has 1\./);
      await expect(adminToken(store, 'a chosen admin token, 24+')).rejects.toMatchObject({
        code: 'FERRY_ERR_CONFIG_INVALID', message: expect.stringMatching(/^FERRY_ADMIN_TOKEN must not contain spaces/),
      });
      expect(await adminToken(store, LONG_ENOUGH)).toEqual({ hash: hashToken(LONG_ENOUGH) });
    } finally {
      await store.close();
    }
  });

  it('too short stops `ferry start` with exit code 2 and a message naming FERRY_ADMIN_TOKEN, before it touches the data dir', async () => {
    const dataDir = join(tempDir('ferry-weak-token-'), 'data');
    const env = { ...process.env, CI: '1', FERRY_ADMIN_TOKEN: 'x' };
    await expect(startFerryProcess(['--port', '0', '--sim-port', '0', '--data-dir', dataDir], env)).rejects.toThrow(
      /exited \(2\) before it started:\nferry: FERRY_ADMIN_TOKEN is too short: it must be at least 24 characters long/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
