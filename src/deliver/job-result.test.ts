// jobResultFor: the max age of R18 counts from the job's queueing, so a replayed old event gets a whole retry window.
import { describe, expect, it } from 'vitest';
import type { LeasedJob } from '../store/types.js';
import { attemptRecord, jobResultFor } from './job-result.js';
import type { MappingOutcome } from './outcome.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const DAY = 86_400_000;

const job = (queuedAt: Date, attempts = 0): LeasedJob => ({
  id: 1,
  destinationId: 'd',
  mappingName: 'Track Event',
  personKey: 'ann',
  event: { type: 'track' },
  eventReceivedAt: t0,
  queuedAt,
  attempts,
  giveUpAt: null,
});

const failed: MappingOutcome = {
  mapping: 'Track Event',
  action: 'trackEvent',
  status: 'retrying',
  warnings: [],
  requests: [],
  error: { message: 'Intercom answered 503' },
};
const retry = { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAgeSeconds: 3_600 };

describe('jobResultFor', () => {
  it('retries a replay of a days-old event: its max age counts from the replay', () => {
    const now = at(3 * DAY + 1_000);
    const replayed = jobResultFor(job(at(3 * DAY)), failed, attemptRecord(failed, now, 5), now, retry, () => 0.5);
    expect(replayed).toMatchObject({ kind: 'retry', nextAttemptAt: at(3 * DAY + 1_500) });
  });

  it('gives up once the job itself is older than the max age, with the last error', () => {
    const now = at(3_600_000);
    const original = jobResultFor(job(t0, 5), failed, attemptRecord(failed, now, 5), now, retry, () => 0.5);
    expect(original).toMatchObject({
      kind: 'finished',
      status: 'rejected',
      attempt: { status: 'rejected', error: { message: 'gave up retrying: Intercom answered 503' } },
    });
  });
});
