// parseTimestamp: the date forms clients send, read exactly; anything else is not a date.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamps.js';

const at = (iso: string) => Date.parse(iso);

describe('parseTimestamp', () => {
  it('reads ISO-8601 with Z, offsets and fractions', () => {
    expect(parseTimestamp('2024-05-01T12:00:00.000Z')).toBe(at('2024-05-01T12:00:00.000Z'));
    expect(parseTimestamp('2024-05-01T14:00:00+02:00')).toBe(at('2024-05-01T12:00:00.000Z'));
    expect(parseTimestamp('2024-05-01T07:30:00-0430')).toBe(at('2024-05-01T12:00:00.000Z'));
    expect(parseTimestamp('2024-05-01T12:00:00.1234567+00:00')).toBe(at('2024-05-01T12:00:00.123Z'));
    expect(parseTimestamp('2024-05-01T12:00:00.5Z')).toBe(at('2024-05-01T12:00:00.500Z'));
    expect(parseTimestamp('2024-05-01 12:00:00Z')).toBe(at('2024-05-01T12:00:00.000Z'));
  });

  it('reads a date-time without a zone as UTC, and a bare date as midnight UTC', () => {
    expect(parseTimestamp('2024-05-01T12:00:00')).toBe(at('2024-05-01T12:00:00.000Z'));
    expect(parseTimestamp('2024-05-01T12:00')).toBe(at('2024-05-01T12:00:00.000Z'));
    expect(parseTimestamp('2024-05-01')).toBe(at('2024-05-01T00:00:00.000Z'));
  });

  it('reads numbers as unix seconds, or milliseconds above 10^11 (R6)', () => {
    expect(parseTimestamp(1714564800)).toBe(at('2024-05-01T12:00:00.000Z'));
    expect(parseTimestamp(1714564800.25)).toBe(at('2024-05-01T12:00:00.250Z'));
    expect(parseTimestamp(1714564800123)).toBe(at('2024-05-01T12:00:00.123Z'));
    expect(parseTimestamp(0)).toBe(0);
  });

  it('keeps years 0-99 literal', () => {
    expect(new Date(parseTimestamp('0042-01-02T00:00:00Z')!).toISOString()).toBe('0042-01-02T00:00:00.000Z');
  });

  it.each([
    ['2024-02-30T00:00:00Z'], ['2024-13-01'], ['2024-05-01T24:00:00Z'], ['2024-05-01T12:60:00Z'], ['2024-05-01T12:00:00+19:00'],
    ['May 1 2024'], ['1714564800'], [''], ['2024-05-01T12:00:00ZZ'], ['+275760-09-13'],
  ])('refuses the string %j', (value) => {
    expect(parseTimestamp(value)).toBeUndefined();
  });

  it.each([[Number.NaN], [Infinity], [1e20], [-1e20], [true], [null], [undefined], [{}], [['2024-05-01']]])(
    'refuses %j',
    (value) => {
      expect(parseTimestamp(value)).toBeUndefined();
    },
  );
});
