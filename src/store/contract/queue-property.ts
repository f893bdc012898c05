// The queue property both stores' invariant tests run: random inserts, leases, finishes, time and purges, each step
// followed by the store's own bookkeeping check, then every head leasable far in the future (R17).
import fc from 'fast-check';
import { expect } from 'vitest';
import type { JobResult, LeasedJob, Store } from '../types.js';
import { at, finished, newEvent, release, retry } from './fixtures.js';

export type QueueOp =
  | { op: 'insert'; people: number[]; destinations: ('d1' | 'd2')[]; filtered: boolean }
  | { op: 'lease'; destination: 'd1' | 'd2'; limit: number; leaseMs: number }
  | { op: 'finish'; pick: number; result: 'delivered' | 'rejected' | 'retry' | 'release'; delayMs: number }
  | { op: 'tick'; ms: number }
  | { op: 'purge' };

export const queueOps = (maxLength: number) =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({
        op: fc.constant('insert' as const),
        // A batch of one to three events: heads are decided within a batch too.
        people: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
        destinations: fc.subarray(['d1', 'd2'] as ('d1' | 'd2')[], { minLength: 1 }),
        filtered: fc.boolean(),
      }) },
      { weight: 2, arbitrary: fc.record({
        op: fc.constant('lease' as const),
        destination: fc.constantFrom('d1' as const, 'd2' as const),
        limit: fc.integer({ min: 1, max: 3 }),
        leaseMs: fc.integer({ min: 1, max: 50 }),
      }) },
      { weight: 3, arbitrary: fc.record({
        op: fc.constant('finish' as const),
        pick: fc.nat(),
        result: fc.constantFrom('delivered' as const, 'rejected' as const, 'retry' as const, 'release' as const),
        delayMs: fc.integer({ min: 0, max: 40 }),
      }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 30 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const) }) },
    ),
    { minLength: 10, maxLength, size: 'max' },
  );

function resultOf(kind: QueueOp & { op: 'finish' }, now: number): JobResult {
  if (kind.result === 'retry') return retry(at(now + kind.delayMs));
  if (kind.result === 'release') return release(at(now + kind.delayMs));
  return finished(kind.result, at(now));
}

export interface QueueProbe {
  /** The jobs a lease may return in a destination: each person's oldest unfinished job. */
  heads(destination: string): Promise<Set<number>>;
  /** Asserts the store's bookkeeping (head flags, counters) agrees with its jobs. */
  check(): Promise<void>;
  /** Makes messageIds unique across runs on one database. */
  messageIdPrefix?: string;
}

export async function runQueueSequence(store: Store, sequence: readonly QueueOp[], probe: QueueProbe): Promise<void> {
  let now = 0;
  let n = 0;
  const leased: LeasedJob[] = [];
  for (const step of sequence) {
    if (step.op === 'insert') {
      const jobs = step.destinations.map((d) => ({ destinationId: d, mappingName: step.filtered ? null : 'm' }));
      const messageId = () => (probe.messageIdPrefix === undefined ? {} : { messageId: `${probe.messageIdPrefix}-${n}` });
      await store.insertEvents(step.people.map((person) => newEvent((n += 1), `p${person}`, { at: at(now), jobs, ...messageId() })));
    } else if (step.op === 'lease') {
      const allowed = await probe.heads(step.destination);
      const got = await store.leaseJobs(step.destination, step.limit, step.leaseMs, at(now));
      expect(got.length).toBeLessThanOrEqual(step.limit);
      for (const job of got) expect(allowed.has(job.id)).toBe(true);
      expect(new Set(got.map((j) => j.personKey)).size).toBe(got.length);
      leased.push(...got);
    } else if (step.op === 'finish' && leased.length > 0) {
      const [job] = leased.splice(step.pick % leased.length, 1);
      await store.finishJob(job!.id, resultOf(step, now), at(now));
    } else if (step.op === 'tick') {
      now += step.ms;
    } else if (step.op === 'purge') {
      await store.purge(at(now), { deliveredMs: 20, failedMs: 40 });
    }
    await probe.check();
  }
  // Liveness: far in the future every person's head is leasable, one per person.
  for (const destination of ['d1', 'd2']) {
    const expected = [...(await probe.heads(destination))].sort((a, b) => a - b);
    const got = await store.leaseJobs(destination, 1_000, 1, at(now + 1_000_000));
    expect(got.map((j) => j.id)).toEqual(expected);
  }
}
