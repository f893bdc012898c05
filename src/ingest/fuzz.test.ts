// Property: any body to any /v1 route gets a 2xx or a clear 4xx, never a 5xx; rejected events are never stored;
// Object.prototype stays clean.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../store/types.js';
import { FerryError } from '../errors.js';
import { EVENT_TYPES, isEventType } from './normalize-event.js';
import { prepareBatch } from './prepare.js';
import type { IngestStore } from './routes.js';
import { basic, startIngest, type RunningIngest } from './test-support/ingest-server.js';

/** Test double of the two Store methods ingest uses: one write key, messageId dedup, every call recorded. */
class FakeStore implements IngestStore {
  calls: NewEvent[][] = [];
  private readonly seen = new Set<string>();
  async findSourceByWriteKey(writeKey: string) {
    return writeKey === 'wk-1' ? { id: 'source-1', writeKey } : undefined;
  }
  async insertEvents(events: NewEvent[]) {
    this.calls.push(events);
    const fresh = events.filter((e) => !this.seen.has(e.messageId));
    for (const event of fresh) this.seen.add(event.messageId);
    return { inserted: fresh.length, duplicates: events.length - fresh.length };
  }
}

/** Mostly plausible values with an adversarial one a tenth of the time, so every path (200, partial, 4xx) is hit. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 9, arbitrary: good }, { weight: 1, arbitrary: bad });

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
/** Objects nested up to 100 deep, now and then past the 64-level limit. */
const deep = mostly(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 100 })).map((n) => {
  let value: unknown = 1;
  for (let i = 0; i < n; i++) value = { a: value };
  return value;
});
/** "pp__" becomes "__proto__" in the JSON text (an object literal cannot carry that key as data). */
const key = fc.oneof(
  { weight: 29, arbitrary: fc.constantFrom('a', 'plan', 'toString', 'hasOwnProperty', 'userId', 'type') },
  { weight: 1, arbitrary: fc.constantFrom('pp__', 'constructor', 'prototype') },
);
const loose = fc.dictionary(key, mostly(scalar, fc.oneof(deep, fc.constant({ prototype: { polluted: true } }))), { maxKeys: 4 });
const huge = fc.constantFrom('x'.repeat(40_000), 'é'.repeat(20_000));
const id = mostly(
  fc.constantFrom('u1', 'u2', 'anon-1', 7, 8.5),
  fc.oneof({ weight: 9, arbitrary: fc.oneof(fc.constantFrom('', '  '), scalar, fc.array(scalar, { maxLength: 2 }), loose) }, huge),
);
const date = mostly(
  fc.date({ min: new Date(-1e14), max: new Date(2e14), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.oneof(
    fc.constantFrom('2024-02-30T00:00:00Z', '2024-05-01', 'yesterday', '9999-12-31T23:59:59.999-18:00', '0000-01-01T00:00:00+18:00'),
    fc.integer(),
    fc.double(),
    scalar,
  ),
);
const object = mostly(fc.oneof(loose, fc.constant({ All: false, Intercom: true })), fc.oneof(scalar, deep));
const event = fc.record(
  {
    type: mostly(fc.constantFrom(...EVENT_TYPES), scalar),
    userId: id, anonymousId: id, event: id, groupId: id, previousId: id,
    messageId: mostly(fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'), id),
    timestamp: date, sentAt: date, originalTimestamp: date,
    properties: object, traits: object, context: object, integrations: object,
    writeKey: fc.constantFrom('wk-1', 'wk-1', 'nope', 5),
  },
  { requiredKeys: ['type', 'userId', 'event', 'groupId', 'previousId'] },
);
const batch = fc.record(
  {
    batch: mostly(fc.array(mostly(event, scalar), { maxLength: 8 }), fc.oneof(scalar, loose)),
    context: object, integrations: object, sentAt: date,
    writeKey: fc.constantFrom('wk-1', 'wk-1', 'nope', 5),
  },
  { requiredKeys: ['batch'] },
);
const toText = (body: unknown) => JSON.stringify(body).replaceAll('"pp__"', '"__proto__"');
const jsonText = fc.oneof(event, batch, fc.jsonValue({ maxDepth: 3 })).map(toText);
/** Valid JSON mostly; sometimes cut short, or random characters. */
const damaged = (texts: fc.Arbitrary<string>) =>
  mostly(
    texts,
    fc.oneof(
      fc.tuple(texts, fc.nat()).map(([t, cut]) => t.slice(0, cut % (t.length + 1))),
      fc.string({ unit: 'binary', maxLength: 40 }),
    ),
  );
const singlePath = fc.constantFrom('/v1/identify', '/v1/track', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias', '/v1/t');
const batchPath = fc.constantFrom('/v1/batch', '/v1/b');
const request = fc.record({
  route: fc.oneof(
    { weight: 4, arbitrary: fc.record({ path: singlePath, text: damaged(event.map(toText)) }) },
    { weight: 4, arbitrary: fc.record({ path: batchPath, text: damaged(batch.map(toText)) }) },
    { weight: 1, arbitrary: fc.record({ path: fc.oneof(singlePath, batchPath), text: damaged(jsonText) }) },
  ),
  auth: mostly(fc.constant(basic('wk-1')), fc.constantFrom(basic('nope'), basic(''), 'Bearer wk-1', undefined)),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
});

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
function expectCleanPrototype() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

function expectStorable(stored: NewEvent) {
  expect(isEventType(stored.type) && stored.event.type === stored.type).toBe(true);
  expect(stored.personKey).toBe(stored.event.userId ?? stored.event.anonymousId);
  expect(typeof stored.personKey === 'string' && stored.personKey.trim() !== '').toBe(true);
  expect(stored.messageId).toBe(stored.event.messageId);
  expect(new Date(stored.event.timestamp as string).toISOString()).toBe(stored.event.timestamp);
  expect(stored.event).not.toHaveProperty('writeKey');
}

describe('any input', () => {
  let server: RunningIngest;
  let store: FakeStore;
  let reports: Array<{ inserted: number; duplicates: number; rejected: number }> = [];
  const outcomes = new Set<string>();

  beforeAll(async () => {
    store = new FakeStore();
    server = await startIngest({ store, jobsFor: () => [], onIngested: (_source, result) => reports.push(result) });
  });
  afterAll(() => server.close());

  it('gets 200, 400 or 401 with a JSON answer; rejected events are never stored', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ route: { path, text: body }, auth, contentType }) => {
        store.calls = [];
        reports = [];
        const headers: Record<string, string> = { 'content-type': contentType, ...(auth ? { authorization: auth } : {}) };
        const answer = await server.post(path, body, headers);
        outcomes.add(`${answer.status}${answer.body?.rejected ? ' with rejected items' : ''}`);
        expect([200, 400, 401]).toContain(answer.status);
        expectCleanPrototype();
        if (answer.status !== 200) {
          expect(answer.body.success).toBe(false);
          expect(answer.body.error.code).toMatch(/^FERRY_ERR_[A-Z_]+$/);
          expect(answer.body.error.message.length).toBeGreaterThan(0);
          expect(store.calls).toEqual([]);
          return;
        }
        expect(answer.body.success).toBe(true);
        const stored = store.calls.flat();
        stored.forEach(expectStorable);
        const items = path.startsWith('/v1/b') ? (JSON.parse(body) as { batch: unknown[] }).batch.length : 1;
        const rejected = (answer.body.rejected ?? []) as unknown[];
        expect(reports).toHaveLength(1);
        expect(reports[0]!.inserted + reports[0]!.duplicates + rejected.length).toBe(items);
        expect(stored.length + rejected.length).toBeLessThanOrEqual(items);
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: the runs reached every kind of answer.
    expect([...outcomes].sort()).toEqual(['200', '200 with rejected items', '400', '400 with rejected items', '401']);
  });

  it('prepareBatch returns or throws an FerryError for any JSON, "__proto__" keys included, never anything else', () => {
    fc.assert(
      fc.property(jsonText, (body) => {
        try {
          // JSON.parse keeps "__proto__" as an own data key: merging and validation must keep it harmless.
          prepareBatch(JSON.parse(body), new Date());
        } catch (error) {
          expect(error).toBeInstanceOf(FerryError);
        }
        expectCleanPrototype();
      }),
      { numRuns: 1000 },
    );
  });
});
