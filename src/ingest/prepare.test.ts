// prepareEvent / prepareBatch: from parsed bodies to normalized events to store, with request and item problems.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { prepareBatch, prepareEvent } from './prepare.js';

const receivedAt = new Date('2024-05-01T12:00:00.000Z');

function thrown(run: () => unknown): FerryError {
  try {
    run();
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected an FerryError');
}

describe('prepareEvent', () => {
  it('validates, normalizes and keys the event by person', () => {
    const prepared = prepareEvent({ anonymousId: 'a1', event: 'Viewed', messageId: 'm1', writeKey: 'wk' }, 'track', receivedAt);
    expect(prepared).toEqual({
      index: 0,
      type: 'track',
      messageId: 'm1',
      personKey: 'a1',
      event: {
        anonymousId: 'a1', event: 'Viewed', messageId: 'm1', type: 'track',
        receivedAt: '2024-05-01T12:00:00.000Z', timestamp: '2024-05-01T12:00:00.000Z',
      },
    });
  });

  it('throws the 400 to answer for an invalid event', () => {
    const error = thrown(() => prepareEvent({ anonymousId: 'a1' }, 'track', receivedAt));
    expect([error.status, error.code, error.details.path]).toEqual([400, 'FERRY_ERR_EVENT_INVALID', 'event']);
  });
});

describe('prepareBatch', () => {
  it('keeps good items, rejects bad ones with index and reason, and applies the batch sentAt', () => {
    const result = prepareBatch(
      {
        sentAt: '2024-05-01T09:00:10.000Z',
        context: { library: { name: 'lib' } },
        batch: [
          { type: 'identify', userId: 'u1', timestamp: '2024-05-01T09:00:00.000Z', messageId: 'm1' },
          { type: 'track', userId: 'u1' },
          { type: 'group', userId: 'u1', groupId: 10, messageId: 'm3' },
        ],
      },
      receivedAt,
    );
    expect(result.rejected).toEqual([
      { index: 1, code: 'FERRY_ERR_EVENT_INVALID', message: 'a track call needs an event name, a non-empty string (got undefined)', path: 'batch[1].event' },
    ]);
    expect(result.events.map((e) => [e.index, e.type, e.messageId, e.personKey])).toEqual([
      [0, 'identify', 'm1', 'u1'],
      [2, 'group', 'm3', 'u1'],
    ]);
    expect(result.events[0]!.event).toMatchObject({
      timestamp: '2024-05-01T11:59:50.000Z',
      originalTimestamp: '2024-05-01T09:00:00.000Z',
      sentAt: '2024-05-01T09:00:10.000Z',
      context: { library: { name: 'lib' } },
    });
    expect(result.events[1]!.event.groupId).toBe('10');
  });

  it('rejects an item over 32 KB and keeps the rest', () => {
    const big = { type: 'track', userId: 'u', event: 'E', properties: { s: 'x'.repeat(33 * 1024) } };
    const result = prepareBatch({ batch: [big, { type: 'page', userId: 'u' }] }, receivedAt);
    expect(result.rejected).toEqual([
      { index: 0, code: 'FERRY_ERR_EVENT_TOO_LARGE', message: `the event is ${JSON.stringify(big).length.toLocaleString('en-US')} bytes; at most 32 KB per event`, path: 'batch[0]' },
    ]);
    expect(result.events).toHaveLength(1);
  });

  it('keeps one of several items with the same messageId and counts the others as duplicates', () => {
    const item = { type: 'track', userId: 'u', event: 'E', messageId: 'same' };
    const result = prepareBatch({ batch: [item, item, { ...item, messageId: 'other' }] }, receivedAt);
    expect(result.events.map((e) => e.messageId)).toEqual(['same', 'other']);
    expect(result.duplicates).toBe(1);
  });

  it('throws request-level problems: not a batch, more than 2,500 events, bad shared fields', () => {
    const cases: Array<[unknown, string, string, string | undefined]> = [
      [[], 'FERRY_ERR_BATCH_INVALID', 'the body must be a JSON object with a batch array', undefined],
      [{ batch: {} }, 'FERRY_ERR_BATCH_INVALID', 'batch must be an array of events', 'batch'],
      [{ batch: Array(2501).fill({}) }, 'FERRY_ERR_BATCH_TOO_MANY_EVENTS', 'the batch has 2,501 events; at most 2,500 are accepted per request', 'batch'],
      [{ batch: [], context: 'x' }, 'FERRY_ERR_BATCH_INVALID', "the batch's context must be a JSON object", 'context'],
      [{ batch: [], sentAt: 'soon' }, 'FERRY_ERR_BATCH_INVALID', "the batch's sentAt must be an ISO-8601 date or unix time", 'sentAt'],
    ];
    for (const [body, code, message, path] of cases) {
      const error = thrown(() => prepareBatch(body, receivedAt));
      expect({ code: error.code, message: error.message, path: error.details.path, status: error.status }).toEqual({ code, message, path, status: 400 });
    }
  });

  it('accepts exactly 2,500 events and an empty batch', () => {
    const item = { type: 'page', anonymousId: 'a' };
    expect(prepareBatch({ batch: Array(2500).fill(item) }, receivedAt).events).toHaveLength(2500);
    expect(prepareBatch({ batch: [] }, receivedAt)).toEqual({ events: [], rejected: [], duplicates: 0 });
  });
});
