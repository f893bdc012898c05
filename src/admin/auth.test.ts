// The admin token: FERRY_ADMIN_TOKEN when set, else generated once and kept only as a hash in the store's settings.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/index.js';
import { adminToken, hashToken, tokenMatches } from './auth.js';

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
      expect(await adminToken(store, 'from-env')).toEqual({ hash: hashToken('from-env') });
      expect(await store.getSetting('admin_token_sha256')).toBe(first.hash);
    } finally {
      await store.close();
    }
  });
});
