// /v1/batch over real HTTP: shared fields merged, bad items reported while good ones are stored, limits, retries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../store/types.js';
import type { IngestStore } from './routes.js';
import { basic, startIngest, type RunningIngest } from './test-support/ingest-server.js';

/** Test double of the two Store methods ingest uses: one write key, messageId dedup per source, calls recorded. */
class FakeStore implements IngestStore {
  readonly events: NewEvent[] = [];
  readonly calls: number[] = [];
  private readonly seen = new Set<string>();
  async findSourceByWriteKey(writeKey: string) {
    return writeKey === 'wk-1' ? { id: 'source-1', writeKey } : undefined;
  }
  async insertEvents(events: NewEvent[]) {
    this.calls.push(events.length);
    const fresh = events.filter((e) => !this.seen.has(e.messageId));
    for (const event of fresh) this.seen.add(event.messageId);
    this.events.push(...fresh);
    return { inserted: fresh.length, duplicates: events.length - fresh.length };
  }
}

const NOW = new Date('2024-05-01T12:00:00.000Z');
const AUTH = { authorization: basic('wk-1') };

let store: FakeStore;
let reports: unknown[];
let server: RunningIngest;

beforeEach(async () => {
  store = new FakeStore();
  reports = [];
  server = await startIngest({
    store,
    jobsFor: (event) => (event.type === 'track' ? [{ destinationId: 'd', mappingName: 'trackEvent' }] : []),
    now: () => NOW,
    onIngested: (sourceId, result) => reports.push({ sourceId, ...result }),
  });
});
afterEach(() => server.close());

const page = (i: number) => ({ type: 'page', anonymousId: `a${i}`, messageId: `p${i}` });

describe('POST /v1/batch', () => {
  it('stores every item in order with the batch context, integrations and sentAt applied', async () => {
    const body = {
      writeKey: 'wk-1',
      sentAt: '2024-05-01T10:00:02.000Z',
      context: { library: { name: 'lib', version: '1' }, ip: '10.0.0.1' },
      integrations: { All: false, Intercom: true },
      batch: [
        { type: 'identify', userId: 'u1', messageId: 'm1', timestamp: '2024-05-01T10:00:00.000Z', context: { library: { version: '2' } } },
        { type: 'track', userId: 'u1', event: 'Paid', messageId: 'm2', integrations: { Intercom: false } },
      ],
    };
    const answer = await server.post('/v1/batch', body);
    expect([answer.status, answer.body]).toEqual([200, { success: true }]);
    expect(store.events.map((e) => [e.messageId, e.type, e.personKey, e.jobs])).toEqual([
      ['m1', 'identify', 'u1', []],
      ['m2', 'track', 'u1', [{ destinationId: 'd', mappingName: 'trackEvent' }]],
    ]);
    expect(store.events[0]!.event).toEqual({
      type: 'identify', userId: 'u1', messageId: 'm1',
      context: { library: { name: 'lib', version: '2' }, ip: '10.0.0.1' },
      integrations: { All: false, Intercom: true },
      sentAt: '2024-05-01T10:00:02.000Z',
      originalTimestamp: '2024-05-01T10:00:00.000Z',
      timestamp: '2024-05-01T11:59:58.000Z',
      receivedAt: '2024-05-01T12:00:00.000Z',
    });
    expect(store.events[1]!.event.integrations).toEqual({ All: false, Intercom: false });
    expect(store.events[1]!.event.timestamp).toBe('2024-05-01T12:00:00.000Z');
  });

  it('is also served at /v1/b', async () => {
    expect((await server.post('/v1/b', { batch: [page(1)] }, AUTH)).body).toEqual({ success: true });
    expect(store.events).toHaveLength(1);
  });

  it('stores the good items of a batch with bad ones and answers 200 listing the rejected items', async () => {
    const batch = [page(0), { type: 'track', userId: 'u' }, page(2), 'nonsense', { type: 'group', anonymousId: 'a' }, page(5)];
    const answer = await server.post('/v1/batch', { batch }, AUTH);
    expect([answer.status, answer.body]).toEqual([
      200,
      {
        success: true,
        rejected: [
          { index: 1, code: 'FERRY_ERR_EVENT_INVALID', message: 'a track call needs an event name, a non-empty string (got undefined)', path: 'batch[1].event' },
          { index: 3, code: 'FERRY_ERR_EVENT_INVALID', message: 'the event must be a JSON object (got "nonsense")', path: 'batch[3]' },
          { index: 4, code: 'FERRY_ERR_EVENT_INVALID', message: 'a group call needs a groupId', path: 'batch[4].groupId' },
        ],
      },
    ]);
    expect(store.events.map((e) => e.messageId)).toEqual(['p0', 'p2', 'p5']);
    expect(reports).toEqual([{ sourceId: 'source-1', inserted: 3, duplicates: 0, rejected: 3 }]);
  });

  it('answers 400 listing every item when none is valid, and stores nothing', async () => {
    const answer = await server.post('/v1/batch', { batch: [{ type: 'identify' }, { type: 'boom', userId: 'u' }] }, AUTH);
    expect([answer.status, answer.body]).toEqual([
      400,
      {
        success: false,
        error: { code: 'FERRY_ERR_BATCH_INVALID', message: 'none of the 2 events in the batch is valid; see rejected', path: 'batch' },
        rejected: [
          { index: 0, code: 'FERRY_ERR_EVENT_INVALID', message: 'userId or anonymousId is required (a non-empty string)', path: 'batch[0].userId' },
          { index: 1, code: 'FERRY_ERR_EVENT_INVALID', message: 'type must be one of identify, track, page, screen, group, alias (got "boom")', path: 'batch[1].type' },
        ],
      },
    ]);
    expect(store.calls).toEqual([]);
  });

  it('rejects an item over 32 KB and keeps the others', async () => {
    const big = { type: 'track', userId: 'u', event: 'E', properties: { s: 'y'.repeat(40_000) } };
    const answer = await server.post('/v1/batch', { batch: [page(0), big] }, AUTH);
    expect(answer.status).toBe(200);
    expect(answer.body.rejected).toEqual([
      { index: 1, code: 'FERRY_ERR_EVENT_TOO_LARGE', message: `the event is ${JSON.stringify(big).length.toLocaleString('en-US')} bytes; at most 32 KB per event`, path: 'batch[1]' },
    ]);
    expect(store.events.map((e) => e.messageId)).toEqual(['p0']);
  });

  it('answers 400 for a request over 500 KB, read or not, and stores nothing', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ ...page(i), properties: { s: 'z'.repeat(30_000) } }));
    const body = JSON.stringify({ batch: items });
    const answer = await server.post('/v1/batch', body, AUTH);
    const message = `the batch request is ${Buffer.byteLength(body).toLocaleString('en-US')} bytes; at most 500 KB per request`;
    expect([answer.status, answer.body]).toEqual([400, { success: false, error: { code: 'FERRY_ERR_BATCH_TOO_LARGE', message } }]);
    const huge = await server.post('/v1/batch', JSON.stringify({ batch: [], pad: 'z'.repeat(3_000_000) }), AUTH);
    expect([huge.status, huge.body]).toEqual([
      400,
      { success: false, error: { code: 'FERRY_ERR_BATCH_TOO_LARGE', message: 'the batch request is larger than 500 KB; at most 500 KB per request' } },
    ]);
    expect(store.calls).toEqual([]);
  });

  it('answers 400 for 2,501 events and stores 2,500', async () => {
    const tooMany = await server.post('/v1/batch', { batch: Array.from({ length: 2501 }, (_, i) => page(i)) }, AUTH);
    expect([tooMany.status, tooMany.body]).toEqual([
      400,
      {
        success: false,
        error: { code: 'FERRY_ERR_BATCH_TOO_MANY_EVENTS', message: 'the batch has 2,501 events; at most 2,500 are accepted per request', path: 'batch' },
      },
    ]);
    expect(store.calls).toEqual([]);
    const full = await server.post('/v1/batch', { batch: Array.from({ length: 2500 }, (_, i) => page(i)) }, AUTH);
    expect(full.status).toBe(200);
    expect(store.calls).toEqual([2500]);
  });

  it('makes a retried batch safe: the second send is answered 200 and stores nothing new', async () => {
    const body = { batch: [page(1), page(2), page(1)] };
    expect((await server.post('/v1/batch', body, AUTH)).body).toEqual({ success: true });
    expect((await server.post('/v1/batch', body, AUTH)).body).toEqual({ success: true });
    expect(store.events.map((e) => e.messageId)).toEqual(['p1', 'p2']);
    expect(reports).toEqual([
      { sourceId: 'source-1', inserted: 2, duplicates: 1, rejected: 0 },
      { sourceId: 'source-1', inserted: 0, duplicates: 3, rejected: 0 },
    ]);
  });

  it('answers 400 when batch is not an array and 200 for an empty one', async () => {
    const answer = await server.post('/v1/batch', { batch: 'x' }, AUTH);
    expect([answer.status, answer.body]).toEqual([
      400,
      { success: false, error: { code: 'FERRY_ERR_BATCH_INVALID', message: 'batch must be an array of events', path: 'batch' } },
    ]);
    expect((await server.post('/v1/batch', { batch: [] }, AUTH)).body).toEqual({ success: true });
    expect(store.calls).toEqual([]);
  });

  it('checks the write key before the items', async () => {
    const answer = await server.post('/v1/batch', { writeKey: 'nope', batch: [{}] });
    expect([answer.status, answer.body]).toEqual([401, { success: false, error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'unknown write key' } }]);
  });
});
