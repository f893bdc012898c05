// The SQLite store keeps access tokens encrypted in the file: never plaintext, the right key needed to read them.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { destination, sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

const TOKEN = 'dG9rOnNlY3JldC10b2tlbi1mb3ItdGVzdHM=';
let dir = '';
let files = 0;
const nextFile = () => path.join(dir, `secrets-${++files}.db`);
const opened: SqliteStore[] = [];
const open = async (file: string, secretKey?: Buffer) => {
  const store = await openSqliteStore({ file, ...(secretKey ? { secretKey } : {}) });
  opened.push(store);
  return store;
};
const storedSettings = (store: SqliteStore, id: string) =>
  JSON.parse((store.db.prepare('SELECT settings FROM destinations WHERE id = ?').get(id) as { settings: string }).settings);
const withToken = (token = TOKEN) => ({
  sources: [],
  destinations: [destination('d1', { settings: { region: 'eu' as const, apiVersion: '2.11', accessToken: token } })],
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-secrets-'));
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SQLite secrets at rest', () => {
  it('stores the access token only as enc:v1 ciphertext, in no file of the database', async () => {
    const file = nextFile();
    const store = await open(file, TEST_SECRET_KEY);
    await store.applyConfig(withToken());
    await store.upsertDestination(destination('d2', { settings: { region: 'us', apiVersion: '2.11', accessToken: `${TOKEN}-2` } }));
    expect(storedSettings(store, 'd1')).toEqual({ region: 'eu', apiVersion: '2.11', accessToken: expect.stringMatching(/^enc:v1:/) });
    expect((await store.listDestinations()).map((d) => d.settings.accessToken)).toEqual([TOKEN, `${TOKEN}-2`]);
    await store.close();
    const bytes = ['', '-wal', '-shm'].filter((s) => existsSync(file + s)).map((s) => readFileSync(file + s));
    expect(bytes.length).toBeGreaterThan(0);
    for (const content of bytes) expect(content.includes(TOKEN)).toBe(false);
  });

  it('needs the same key to read the token back, and says so clearly', async () => {
    const file = nextFile();
    await (await open(file, TEST_SECRET_KEY)).applyConfig(withToken());
    const other = await open(file, randomBytes(32));
    await expect(other.listDestinations()).rejects.toThrow(
      'the stored accessToken of destination "d1" cannot be decrypted: FERRY_SECRET_KEY is not the key it was encrypted with, or the value was changed',
    );
    const keyless = await open(file);
    await expect(keyless.listDestinations()).rejects.toMatchObject({ code: 'FERRY_ERR_SECRET' });
    // Sources and settings stay readable: only the secret needs the key.
    expect(await keyless.listSources()).toEqual([]);
  });

  it('without a key, refuses to store a token and stores nothing of that config', async () => {
    const store = await open(nextFile());
    await expect(store.applyConfig(sampleConfig())).rejects.toMatchObject({
      code: 'FERRY_ERR_SECRET',
      message: expect.stringContaining('secrets are never stored in plaintext'),
    });
    expect(await store.listSources()).toEqual([]);
    await expect(store.upsertDestination(destination('d1'))).rejects.toMatchObject({ code: 'FERRY_ERR_SECRET' });
    // No secret, no key needed (sandbox destinations).
    await store.upsertDestination(destination('d9', { settings: { region: 'us', apiVersion: '2.11' } }));
    expect((await store.listDestinations()).map((d) => d.id)).toEqual(['d9']);
  });

  it('detects a tampered ciphertext in the file', async () => {
    const store = await open(nextFile(), TEST_SECRET_KEY);
    await store.applyConfig(withToken());
    const settings = storedSettings(store, 'd1');
    const body = Buffer.from(settings.accessToken.slice(7), 'base64');
    body[body.length - 1] = body[body.length - 1]! ^ 1;
    settings.accessToken = `enc:v1:${body.toString('base64')}`;
    store.db.prepare('UPDATE destinations SET settings = ? WHERE id = ?').run(JSON.stringify(settings), 'd1');
    await expect(store.listDestinations()).rejects.toThrow(/cannot be decrypted/);
  });

  it('reads a token stored before encryption as it is, and encrypts it at the next write', async () => {
    const store = await open(nextFile(), TEST_SECRET_KEY);
    await store.applyConfig(withToken());
    store.db.prepare('UPDATE destinations SET settings = ? WHERE id = ?')
      .run(JSON.stringify({ region: 'eu', apiVersion: '2.11', accessToken: 'legacy-plain' }), 'd1');
    expect((await store.listDestinations())[0]!.settings.accessToken).toBe('legacy-plain');
    await store.applyConfig(withToken('legacy-plain'));
    expect(storedSettings(store, 'd1').accessToken).toMatch(/^enc:v1:/);
    expect((await store.listDestinations())[0]!.settings.accessToken).toBe('legacy-plain');
  });

  it('re-applying the same config keeps the stored ciphertext (no write, the pause kept)', async () => {
    const store = await open(nextFile(), TEST_SECRET_KEY);
    await store.applyConfig(withToken());
    const before = storedSettings(store, 'd1').accessToken;
    await store.setDestinationPaused('d1', 'Intercom answered 401');
    await store.applyConfig(withToken());
    expect(storedSettings(store, 'd1').accessToken).toBe(before);
    expect((await store.listDestinations())[0]!.pausedReason).toBe('Intercom answered 401');
  });
});
