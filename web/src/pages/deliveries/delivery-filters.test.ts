// The delivery filters' pure helpers: URL round trip, the API's query and the replay's body, error fields, words.
import { describe, expect, it } from 'vitest';
import {
  describeReplayFilter, fieldOfError, filtersToSearch, fromLocalInput, listQuery, parseFilters, replayBody, toLocalInput,
} from './delivery-filters.js';
import { statsQuery, stepsOf, summaryOf } from './delivery-stats-view.js';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');

describe('the delivery filters', () => {
  it('read the URL and write it back in a fixed order; a preset range wins over from/to', () => {
    const filters = parseFilters('?person=ann%20b&state=rejected&state=retrying&mapping=Track%20Event&action=trackEvent&from=2026-12-01T00:00:00.000Z');
    expect(filters).toEqual({ states: ['rejected', 'retrying'], action: 'trackEvent', mapping: 'Track Event', person: 'ann b', from: '2026-12-01T00:00:00.000Z' });
    expect(filtersToSearch(filters)).toBe('state=rejected&state=retrying&action=trackEvent&mapping=Track%20Event&person=ann%20b&from=2026-12-01T00%3A00%3A00.000Z');
    expect(parseFilters('range=24h&from=2026-12-01T00:00:00Z&person=')).toEqual({ states: [], range: '24h' });
    expect(parseFilters('range=1y')).toEqual({ states: [] });
    expect(filtersToSearch({ states: [] })).toBe('');
  });

  it('make the list query: a preset becomes from, counted back from now; the cursor comes last', () => {
    expect(listQuery({ states: ['delivered'], person: 'ann', range: '1h' }, NOW, { cursor: 'c1' }))
      .toBe('state=delivered&person=ann&from=2026-12-04T11%3A00%3A00.000Z&cursor=c1');
    expect(listQuery({ states: [], from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' }, NOW, { limit: 500 }))
      .toBe('from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-02T00%3A00%3A00.000Z&limit=500');
  });

  it('make the replay body without states, and say which deliveries it takes', () => {
    const filters = parseFilters('state=delivered&action=trackEvent&person=ann&range=7d');
    expect(replayBody(filters, NOW)).toEqual({ action: 'trackEvent', person: 'ann', from: '2026-11-27T12:00:00.000Z' });
    expect(describeReplayFilter(filters)).toBe('action trackEvent, person ann, last 7 days');
    expect(describeReplayFilter({ states: ['rejected'] })).toBe('no filter');
  });

  it('name the filter an API error points at', () => {
    expect(fieldOfError('state.0')).toBe('state');
    expect(fieldOfError('to')).toBe('to');
    expect(fieldOfError('cursor')).toBeUndefined();
    expect(fieldOfError(undefined)).toBeUndefined();
  });

  it('convert datetime-local values to ISO times and back', () => {
    const iso = fromLocalInput('2026-12-04T10:30')!;
    expect(toLocalInput(iso)).toBe('2026-12-04T10:30');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput('nonsense')).toBe('');
  });
});

describe('the overview numbers', () => {
  const totals = { delivered: 5, 'delivered-with-warnings': 2, retrying: 1, rejected: 3, filtered: 4, queued: 0 };

  it('ask the stats for the list’s from when the bucket covers it, else the most it covers, else the default', () => {
    expect(statsQuery({ states: [] }, 'minute', NOW)).toBe('bucket=minute');
    expect(statsQuery({ states: [], range: '1h' }, 'minute', NOW)).toBe('bucket=minute&from=2026-12-04T11%3A00%3A00.000Z');
    expect(statsQuery({ states: [], range: '7d' }, 'minute', NOW)).toBe('bucket=minute&from=2026-12-03T12%3A01%3A00.000Z');
    expect(statsQuery({ states: [], range: '7d' }, 'hour', NOW)).toBe('bucket=hour&from=2026-11-27T12%3A00%3A00.000Z');
    expect(statsQuery({ states: [], from: '2027-01-01T00:00:00.000Z' }, 'hour', NOW)).toBe('bucket=hour');
  });

  it('count the pipeline steps, each with the states it filters the list by', () => {
    expect(stepsOf(totals).map((s) => [s.label, s.count, s.states])).toEqual([
      ['Received', 15, []],
      ['Filtered at destination', 4, ['filtered']],
      ['Retrying', 1, ['retrying']],
      ['Failed delivery', 3, ['rejected']],
      ['Successful delivery', 7, ['delivered', 'delivered-with-warnings']],
    ]);
    expect(summaryOf(totals)).toBe('5 delivered, 2 delivered with warnings, 1 retrying, 3 rejected, 4 filtered');
    expect(summaryOf({ ...totals, delivered: 0, 'delivered-with-warnings': 0, retrying: 0, rejected: 0, filtered: 0 })).toBe('no deliveries');
  });
});
