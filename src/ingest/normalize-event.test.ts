// normalizeEvent: messageId, receivedAt and Segment's clock-skew correction of timestamp, with exact arithmetic.
import { describe, expect, it } from 'vitest';
import { correctTimestamp, normalizeEvent, personKeyOf, type SegmentEvent } from './normalize-event.js';

const receivedAt = new Date('2024-05-01T12:00:00.000Z');

describe('correctTimestamp', () => {
  it('is receivedAt - (sentAt - clientTime) when both client times are known', () => {
    expect(correctTimestamp(1_000, 6_000, 100_000)).toBe(95_000);
    expect(correctTimestamp(10_000, 4_000, 100_000)).toBe(106_000);
  });
  it('keeps the client time without sentAt, and uses receivedAt without a client time', () => {
    expect(correctTimestamp(1_000, undefined, 100_000)).toBe(1_000);
    expect(correctTimestamp(undefined, 6_000, 100_000)).toBe(100_000);
    expect(correctTimestamp(undefined, undefined, 100_000)).toBe(100_000);
  });
});

describe('normalizeEvent', () => {
  const base: SegmentEvent = { type: 'track', userId: 'u1', event: 'Signed Up' };

  it('generates a messageId when absent or empty and keeps a given one', () => {
    expect(normalizeEvent(base, receivedAt).messageId).toMatch(/^ferry-[0-9a-f-]{36}$/);
    expect(normalizeEvent({ ...base, messageId: '' }, receivedAt).messageId).toMatch(/^ferry-/);
    expect(normalizeEvent({ ...base, messageId: 'm-1' }, receivedAt).messageId).toBe('m-1');
  });

  it('stamps receivedAt and uses it as the timestamp when the client gave none', () => {
    const event = normalizeEvent(base, receivedAt);
    expect(event.receivedAt).toBe('2024-05-01T12:00:00.000Z');
    expect(event.timestamp).toBe('2024-05-01T12:00:00.000Z');
    expect(event).not.toHaveProperty('originalTimestamp');
  });

  it('corrects a skewed client clock with sentAt and keeps the client value as originalTimestamp', () => {
    // The client's clock is 3 h behind; the call happened 5 s before the request was sent.
    const event = normalizeEvent(
      { ...base, timestamp: '2024-05-01T09:00:00.000Z', sentAt: '2024-05-01T09:00:05.000Z' },
      receivedAt,
    );
    expect(event.timestamp).toBe('2024-05-01T11:59:55.000Z');
    expect(event.originalTimestamp).toBe('2024-05-01T09:00:00.000Z');
    expect(event.sentAt).toBe('2024-05-01T09:00:05.000Z');
  });

  it('corrects across zone offsets and numeric dates, to the millisecond', () => {
    const event = normalizeEvent({ ...base, timestamp: '2024-05-01T14:00:00.250+02:00', sentAt: 1714564801 }, receivedAt);
    expect(event.timestamp).toBe('2024-05-01T11:59:59.250Z');
  });

  it('keeps a timestamp without sentAt as given (an import of past data), written in UTC', () => {
    const event = normalizeEvent({ ...base, timestamp: '2020-01-01T01:00:00+01:00' }, receivedAt);
    expect(event.timestamp).toBe('2020-01-01T00:00:00.000Z');
    expect(event.originalTimestamp).toBe('2020-01-01T01:00:00+01:00');
  });

  it('uses a client originalTimestamp as the time of the call when timestamp is absent', () => {
    const event = normalizeEvent(
      { ...base, originalTimestamp: '2024-05-01T09:00:00.000Z', sentAt: '2024-05-01T09:00:01.000Z' },
      receivedAt,
    );
    expect(event.timestamp).toBe('2024-05-01T11:59:59.000Z');
    expect(event.originalTimestamp).toBe('2024-05-01T09:00:00.000Z');
  });

  it('treats values that are not dates as absent and overwrites a client receivedAt', () => {
    const event = normalizeEvent({ ...base, timestamp: 'yesterday', sentAt: 'now', receivedAt: 'x' }, receivedAt);
    expect(event.timestamp).toBe('2024-05-01T12:00:00.000Z');
    expect(event.receivedAt).toBe('2024-05-01T12:00:00.000Z');
  });

  it('does not mutate its input', () => {
    const input: SegmentEvent = { ...base, timestamp: '2024-05-01T09:00:00.000Z' };
    const copy = structuredClone(input);
    normalizeEvent(input, receivedAt);
    expect(input).toEqual(copy);
  });
});

describe('personKeyOf (R17)', () => {
  it('is the userId when present, else the anonymousId', () => {
    expect(personKeyOf({ userId: 'u1', anonymousId: 'a1' })).toBe('u1');
    expect(personKeyOf({ userId: '', anonymousId: 'a1' })).toBe('a1');
    expect(personKeyOf({ anonymousId: 'a1' })).toBe('a1');
  });
});
