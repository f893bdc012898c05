// The tracking API over real HTTP, one call per request: statuses and exact bodies, auth, limits, commit-then-answer.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent, NewJob } from '../store/types.js';
import type { IngestStore } from './routes.js';
import { basic, startIngest, type RunningIngest } from './test-support/ingest-server.js';

/** Test double of the two Store methods ingest uses: write key -> source, and messageId dedup per source. */
class FakeStore implements IngestStore {
  readonly events: NewEvent[] = [];
  /** Events per insertEvents call, in order. */
  readonly commits: number[] = [];
  maxEventsPerCommit: number | undefined;
  failWith: Error | undefined;
  gate: Promise<void> | undefined;
  private readonly seen = new Set<string>();
  constructor(private readonly sources = new Map([['wk-1', 'source-1']])) {}
  async findSourceByWriteKey(writeKey: string) {
    const id = this.sources.get(writeKey);
    return id === undefined ? undefined : { id, writeKey };
  }
  async insertEvents(events: NewEvent[]) {
    await this.gate;
    this.commits.push(events.length);
    if (this.failWith) throw this.failWith;
    let inserted = 0;
    for (const event of events) {
      const key = `${event.sourceId}\u0000${event.messageId}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.events.push(event);
      inserted++;
    }
    return { inserted, duplicates: events.length - inserted };
  }
}

const NOW = new Date('2024-05-01T12:00:00.000Z');
const JOBS: NewJob[] = [{ destinationId: 'intercom', mappingName: 'Track Event' }];
const AUTH = { authorization: basic('wk-1') };
const ok = { success: true };
const error = (code: string, message: unknown, path?: string) => ({
  success: false,
  error: { code, message, ...(path === undefined ? {} : { path }) },
});

let store: FakeStore;
let routed: Record<string, unknown>[];
let reports: unknown[];
let server: RunningIngest;

beforeEach(async () => {
  store = new FakeStore();
  routed = [];
  reports = [];
  server = await startIngest({
    store,
    jobsFor: (event) => (routed.push(event), JOBS),
    now: () => NOW,
    onIngested: (sourceId, result) => reports.push({ sourceId, ...result }),
  });
});
afterEach(() => server.close());

describe('single calls', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['/v1/identify', { userId: 'u1', traits: { email: 'a@b.c' } }, 'identify'],
    ['/v1/track', { userId: 'u1', event: 'Order Completed', properties: { revenue: 5 } }, 'track'],
    ['/v1/page', { anonymousId: 'a1', name: 'Home' }, 'page'],
    ['/v1/screen', { anonymousId: 'a1', name: 'Settings' }, 'screen'],
    ['/v1/group', { userId: 'u1', groupId: 'g1', traits: { name: 'Acme' } }, 'group'],
    ['/v1/alias', { userId: 'u1', previousId: 'a1' }, 'alias'],
    ['/v1/t', { userId: 'u1', event: 'Short Route' }, 'track'],
    ['/v1/i', { userId: 'u1' }, 'identify'],
  ])('POST %s stores the normalized event with its jobs, then answers 200', async (path, body, type) => {
    const answer = await server.post(path, { ...body, messageId: 'm-1' }, AUTH);
    expect([answer.status, answer.body]).toEqual([200, ok]);
    expect(store.events).toEqual([
      {
        sourceId: 'source-1', messageId: 'm-1', personKey: body.userId ?? body.anonymousId, type, receivedAt: NOW, jobs: JOBS,
        event: { ...body, messageId: 'm-1', type, receivedAt: NOW.toISOString(), timestamp: NOW.toISOString() },
      },
    ]);
    expect(reports).toEqual([{ sourceId: 'source-1', inserted: 1, duplicates: 0, rejected: 0 }]);
  });

  it('generates a messageId, stringifies numeric ids and keys the person by userId (R17)', async () => {
    const answer = await server.post('/v1/identify', { userId: 123, anonymousId: 'a1' }, AUTH);
    expect(answer.status).toBe(200);
    expect(store.events[0]).toMatchObject({ personKey: '123', messageId: expect.stringMatching(/^ferry-/) });
    expect(store.events[0]!.event.userId).toBe('123');
  });

  it('corrects the timestamp with sentAt: receivedAt - (sentAt - timestamp)', async () => {
    const body = { userId: 'u1', event: 'E', timestamp: '2024-05-01T08:59:00.500Z', sentAt: '2024-05-01T09:00:00.000Z' };
    expect((await server.post('/v1/track', body, AUTH)).status).toBe(200);
    expect(store.events[0]!.event).toMatchObject({
      timestamp: '2024-05-01T11:59:00.500Z', // 12:00:00 - 59.5 s
      originalTimestamp: '2024-05-01T08:59:00.500Z',
      sentAt: '2024-05-01T09:00:00.000Z',
      receivedAt: '2024-05-01T12:00:00.000Z',
    });
  });

  it('passes integrations through to jobsFor and stores them', async () => {
    const integrations = { All: false, Intercom: true };
    await server.post('/v1/track', { userId: 'u1', event: 'E', integrations }, AUTH);
    expect(routed).toHaveLength(1);
    expect(routed[0]).toMatchObject({ type: 'track', integrations });
    expect(store.events[0]!.event.integrations).toEqual(integrations);
  });

  it('accepts the same messageId twice with 200 and stores it once', async () => {
    const body = { userId: 'u1', event: 'E', messageId: 'dup-1' };
    expect((await server.post('/v1/track', body, AUTH)).body).toEqual(ok);
    expect((await server.post('/v1/track', body, AUTH)).body).toEqual(ok);
    expect(store.events).toHaveLength(1);
    expect(reports).toEqual([
      { sourceId: 'source-1', inserted: 1, duplicates: 0, rejected: 0 },
      { sourceId: 'source-1', inserted: 0, duplicates: 1, rejected: 0 },
    ]);
  });
});

describe('write key', () => {
  it('is read from Basic auth (any password) or from the body, which never stores it', async () => {
    expect((await server.post('/v1/track', { userId: 'u', event: 'E' }, { authorization: basic('wk-1', 'x') })).status).toBe(200);
    expect((await server.post('/v1/track', { userId: 'u', event: 'E', writeKey: 'wk-1' })).status).toBe(200);
    expect(store.events.map((e) => e.event.writeKey)).toEqual([undefined, undefined]);
  });

  it('answers 401 when it is missing, unknown or sent any other way', async () => {
    const missing = error('FERRY_ERR_UNAUTHORIZED', 'missing write key: send it as the HTTP Basic auth user name or as writeKey in the JSON body');
    const unknown = error('FERRY_ERR_UNAUTHORIZED', 'unknown write key');
    const body = { userId: 'u', event: 'E' };
    expect(await server.post('/v1/track', body)).toMatchObject({ status: 401, body: missing });
    expect(await server.post('/v1/track', body, { authorization: 'Bearer wk-1' })).toMatchObject({ status: 401, body: missing });
    expect(await server.post('/v1/track?writeKey=wk-1', body)).toMatchObject({ status: 401, body: missing });
    expect(await server.post('/v1/track', body, { authorization: basic('nope') })).toMatchObject({ status: 401, body: unknown });
    expect(await server.post('/v1/track', { ...body, writeKey: 'wk-1' }, { authorization: basic('nope') })).toMatchObject({ status: 401, body: unknown });
    expect(store.events).toEqual([]);
  });
});

describe('bad input: a 400 with a JSON error, nothing stored, server alive', () => {
  it.each([
    [{ event: 'E' }, '/v1/track', 'userId or anonymousId is required (a non-empty string)', 'userId'],
    [{ userId: 'u' }, '/v1/track', 'a track call needs an event name, a non-empty string (got undefined)', 'event'],
    [{ userId: 'u', event: '' }, '/v1/track', 'a track call needs an event name, a non-empty string (got "")', 'event'],
    [{ userId: 'u' }, '/v1/group', 'a group call needs a groupId', 'groupId'],
    [{ userId: 'u' }, '/v1/alias', 'an alias call needs a previousId', 'previousId'],
    [[{ userId: 'u' }], '/v1/identify', 'the event must be a JSON object (got [{"userId":"u"}])', undefined],
    // JSON.parse reads these numbers as ±Infinity, which JSON.stringify would show as null.
    ['{"userId": 1e400, "event": "E"}', '/v1/track', 'userId must be a string or a number (got Infinity, a number out of range)', 'userId'],
    ['{"userId": "u", "timestamp": -1e400}', '/v1/identify', 'timestamp must be an ISO-8601 date or unix time (got -Infinity, a number out of range)', 'timestamp'],
  ])('%j to %s', async (body, path, message, field) => {
    const answer = await server.post(path, body, AUTH);
    expect([answer.status, answer.body]).toEqual([400, error('FERRY_ERR_EVENT_INVALID', message, field)]);
    expect(store.events).toEqual([]);
    expect(reports).toEqual([{ sourceId: 'source-1', inserted: 0, duplicates: 0, rejected: 1 }]);
  });

  it('invalid JSON and an empty body', async () => {
    const invalid = await server.post('/v1/track', '{"userId": "u",', AUTH);
    expect([invalid.status, invalid.body]).toEqual([400, error('FERRY_ERR_JSON_INVALID', expect.stringMatching(/^the body is not valid JSON: /))]);
    const empty = await server.post('/v1/track', '', AUTH);
    expect([empty.status, empty.body]).toEqual([400, error('FERRY_ERR_JSON_INVALID', 'the body is empty; send a JSON object')]);
    expect((await server.post('/v1/track', { userId: 'u', event: 'E' }, AUTH)).status).toBe(200);
  });

  it('an event over 32 KB, whether or not the server read all of it', async () => {
    const body = JSON.stringify({ userId: 'u', event: 'E', properties: { s: 'x'.repeat(40_000) } });
    const answer = await server.post('/v1/track', body, AUTH);
    const message = `the event is ${Buffer.byteLength(body).toLocaleString('en-US')} bytes; at most 32 KB per event`;
    expect([answer.status, answer.body]).toEqual([400, error('FERRY_ERR_EVENT_TOO_LARGE', message)]);
    const huge = await server.post('/v1/track', 'x'.repeat(2 * 1024 * 1024), AUTH);
    expect([huge.status, huge.body]).toEqual([400, error('FERRY_ERR_EVENT_TOO_LARGE', 'the event is larger than 32 KB; at most 32 KB per event')]);
    expect(store.events).toEqual([]);
  });

  it('reads any content type as JSON (text/plain beacons, none at all) and gzip bodies', async () => {
    const body = JSON.stringify({ userId: 'u', event: 'E', writeKey: 'wk-1' });
    expect((await server.post('/v1/track', body, { 'content-type': 'text/plain;charset=UTF-8' })).status).toBe(200);
    expect((await server.post('/v1/track', body, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    const gzipped = await server.post('/v1/track', gzipSync(body), { 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    const none = await fetch(`${server.url}/v1/track`, { method: 'POST', body: new Blob([body]) });
    expect(none.status).toBe(200);
    expect(store.events).toHaveLength(4);
  });

  it('reads a body whose Content-Type is empty or no media type at all, which fastify alone answers 415', async () => {
    const body = JSON.stringify({ userId: 'u', event: 'E', writeKey: 'wk-1' });
    for (const type of ['', ' ', 'json', 'application/', ';charset=utf-8']) {
      const answer = await server.post('/v1/track', body, { 'content-type': type });
      expect([type, answer.status, answer.body]).toEqual([type, 200, { success: true }]);
    }
    // What is read is still checked: an empty body with an empty type is the usual 400.
    const empty = await server.post('/v1/track', '', { 'content-type': '' });
    expect([empty.status, empty.body]).toEqual([400, error('FERRY_ERR_JSON_INVALID', 'the body is empty; send a JSON object')]);
    expect(store.events).toHaveLength(5);
  });

  it('an unknown /v1 path is a JSON 404', async () => {
    const answer = await server.post('/v1/purchase', {}, AUTH);
    const message = 'no tracking endpoint POST /v1/purchase; POST to /v1/identify, track, page, screen, group, alias or batch';
    expect([answer.status, answer.body]).toEqual([404, error('FERRY_ERR_NOT_FOUND', message)]);
  });
});

describe('commit before answer', () => {
  it('answers 200 only once insertEvents has resolved', async () => {
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    let answered = false;
    const pending = server.post('/v1/track', { userId: 'u', event: 'E' }, AUTH).then((answer) => ((answered = true), answer));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
    expect(store.events).toHaveLength(1);
  });

  it("groups the requests waiting on a commit, no more events per insert than the store's maxEventsPerCommit", async () => {
    await server.close();
    store = new FakeStore();
    store.maxEventsPerCommit = 2;
    server = await startIngest({ store, jobsFor: () => JOBS, now: () => NOW });
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const first = server.post('/v1/track', { userId: 'u', event: 'E' }, AUTH);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const batch = (n: number) => ({ batch: Array.from({ length: n }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'E' })) });
    const rest = [server.post('/v1/batch', batch(1), AUTH), server.post('/v1/batch', batch(1), AUTH), server.post('/v1/batch', batch(3), AUTH)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const answers = await Promise.all([first, ...rest]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // The first commit held the writer; the three that came meanwhile share commits of at most 2 (a request is never split).
    expect(store.commits).toEqual([1, 2, 3]);
    expect(store.events).toHaveLength(6);
  });

  it('answers 503 (with Retry-After) when the store fails, and nothing is reported as ingested', async () => {
    store.failWith = new Error('SQLITE_BUSY');
    const answer = await server.post('/v1/track', { userId: 'u', event: 'E' }, AUTH);
    expect([answer.status, answer.body]).toEqual([
      503,
      error('FERRY_ERR_STORE_UNAVAILABLE', 'ferry could not store the events right now; nothing was stored, retry later'),
    ]);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(reports).toEqual([]);
    store.failWith = undefined;
    expect((await server.post('/v1/track', { userId: 'u', event: 'E' }, AUTH)).status).toBe(200);
  });

  it('answers 503 when the write key cannot be looked up', async () => {
    store.findSourceByWriteKey = () => Promise.reject(new Error('database is locked'));
    const answer = await server.post('/v1/track', { userId: 'u', event: 'E' }, AUTH);
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('FERRY_ERR_STORE_UNAVAILABLE');
  });
});

describe('CORS', () => {
  it('answers a browser preflight on /v1/*', async () => {
    const answer = await fetch(`${server.url}/v1/track`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(answer.status).toBe(204);
    expect(Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Content-Type, Authorization, Content-Encoding',
      'access-control-max-age': '86400',
    });
  });

  it('lets browsers read successes and errors', async () => {
    const headers = { origin: 'https://shop.example' };
    const good = await server.post('/v1/track', { userId: 'u', event: 'E', writeKey: 'wk-1' }, headers);
    const bad = await server.post('/v1/track', '{', headers);
    expect([good.headers.get('access-control-allow-origin'), bad.headers.get('access-control-allow-origin')]).toEqual(['*', '*']);
  });
});
