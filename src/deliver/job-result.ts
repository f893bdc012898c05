// What a delivery attempt's outcome means for its job: finished, retried later (R18), or given up as rejected.
import type { RetrySettings } from '../config/model.js';
import type { AttemptRecord, JobResult, LeasedJob } from '../store/types.js';
import type { MappingOutcome } from './outcome.js';
import { decideRetry } from './retry-policy.js';

// Exchanges kept per attempt: enough to see what happened without storing whole conversations.
const MAX_REQUESTS_KEPT = 10;

export function attemptRecord(outcome: MappingOutcome, startedAt: Date, durationMs: number): AttemptRecord {
  return {
    startedAt,
    durationMs,
    status: outcome.status,
    warnings: outcome.warnings,
    ...(outcome.error ? { error: { ...(outcome.error.code ? { code: outcome.error.code } : {}), message: outcome.error.message } } : {}),
    requests: outcome.requests.slice(-MAX_REQUESTS_KEPT),
  };
}

export function jobResultFor(
  job: LeasedJob,
  outcome: MappingOutcome,
  attempt: AttemptRecord,
  now: Date,
  retry: RetrySettings | undefined,
  random?: () => number,
): JobResult {
  switch (outcome.status) {
    case 'delivered':
    case 'delivered-with-warnings':
    case 'rejected':
      return { kind: 'finished', status: outcome.status, attempt };
    case 'filtered':
      // Routing decides filtering before a job exists; a filtered outcome here means the mapping no longer matches.
      return { kind: 'finished', status: 'rejected', attempt };
    case 'retrying': {
      const decision = decideRetry({
        attempts: job.attempts + 1,
        now,
        // From the job's own queueing, not the event's arrival: a replayed old event gets its whole retry window.
        queuedAt: job.queuedAt,
        settings: retry,
        hintDelayMs: outcome.retry?.delayMs,
        windowMs: outcome.retry?.windowMs,
        giveUpAt: job.giveUpAt,
        ...(random ? { random } : {}),
      });
      if (decision.kind === 'retry') return { kind: 'retry', nextAttemptAt: decision.at, giveUpAt: decision.giveUpAt, attempt };
      const reason = outcome.retry?.finalReason ?? `gave up retrying: ${outcome.error?.message ?? 'no answer'}`;
      return {
        kind: 'finished',
        status: 'rejected',
        attempt: { ...attempt, status: 'rejected', error: { ...attempt.error, message: reason } },
      };
    }
  }
}
