// FinishBatch: the jobs that end in one turn are recorded in one store call; a batch the store refuses is recorded one
// by one, so only the job it cannot record fails.
import { describe, expect, it } from 'vitest';
import type { JobFinish, JobResult } from '../store/types.js';
import { FinishBatch } from './finish-batch.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const release: JobResult = { kind: 'release', nextAttemptAt: NOW };

function recordingStore(refuse?: number) {
  const calls: number[][] = [];
  return {
    calls,
    async finishJobs(finishes: readonly JobFinish[]) {
      if (finishes.some((f) => f.jobId === refuse)) throw new Error('refused');
      calls.push(finishes.map((f) => f.jobId));
    },
    async finishJob(jobId: number) {
      if (jobId === refuse) throw new Error(`cannot record ${jobId}`);
      calls.push([jobId]);
    },
  };
}

describe('FinishBatch', () => {
  it('records the finishes of one turn in one call, in order, and the next turn in another', async () => {
    const store = recordingStore();
    const batch = new FinishBatch(store);
    await Promise.all([1, 2, 3].map((id) => batch.finish(id, release, NOW)));
    await batch.finish(4, release, NOW);
    expect(store.calls).toEqual([[1, 2, 3], [4]]);
  });

  it('falls back to one call per job when the batch fails: only the job the store refuses rejects', async () => {
    const store = recordingStore(2);
    const batch = new FinishBatch(store);
    const outcomes = await Promise.allSettled([1, 2, 3].map((id) => batch.finish(id, release, NOW)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.calls).toEqual([[1], [3]]);
  });
});
