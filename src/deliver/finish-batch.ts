// Group finish: the jobs of a destination that end in the same turn of the event loop are recorded in one store call.
import type { JobFinish, JobQueueStore, JobResult } from '../store/types.js';

interface Waiting extends JobFinish {
  resolve(): void;
  reject(error: unknown): void;
}

export class FinishBatch {
  private waiting: Waiting[] = [];

  constructor(private readonly store: Pick<JobQueueStore, 'finishJobs' | 'finishJob'>) {}

  /** Resolves once the result is recorded (with the others that ended in this turn), rejects if recording failed. */
  finish(jobId: number, result: JobResult, now: Date): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.flush());
      this.waiting.push({ jobId, result, now, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      await this.store.finishJobs(batch.map(({ jobId, result, now }) => ({ jobId, result, now })));
      for (const item of batch) item.resolve();
    } catch {
      // One by one, so that a job the store cannot record does not take the others of its batch down with it.
      for (const item of batch) await this.store.finishJob(item.jobId, item.result, item.now).then(item.resolve, item.reject);
    }
  }
}
