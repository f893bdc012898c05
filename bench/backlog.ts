// --backlog: 1,000,000 queued jobs written through the store directly (ferry stopped), then ferry's RSS while it works.
import { join } from 'node:path';
import { personKeyOf, normalizeEvent } from '../src/ingest/normalize-event.js';
import { Router } from '../src/subscriptions/router.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { NewEvent } from '../src/store/types.js';
import { WorkloadGenerator } from './workload/generate.js';

const CHUNK = 10_000;

/**
 * Appends the standard workload's events (seed + 1, so their messageIds are new) to ferry's database until `jobs`
 * jobs are queued. ferry must not be running: this is the store's own insert, without the tracking API in front.
 */
export async function writeBacklog(dataDir: string, jobs: number, seed: number): Promise<{ events: number; jobs: number; seconds: number }> {
  const started = Date.now();
  // synchronous=NORMAL: a benchmark fixture needs no power-loss durability, and FULL would only make it slower.
  const store = await openSqliteStore({ file: join(dataDir, 'ferry.db'), synchronous: 'NORMAL' });
  const router = new Router();
  router.update([{ id: 'intercom', type: 'intercom', enabled: true }]);
  const generator = new WorkloadGenerator({ events: Number.MAX_SAFE_INTEGER, seed: seed + 1 });
  const receivedAt = new Date();
  let queued = 0;
  let events = 0;
  try {
    while (queued < jobs) {
      const chunk: NewEvent[] = [];
      while (chunk.length < CHUNK && queued < jobs) {
        const event = normalizeEvent(generator.next()!, receivedAt);
        const eventJobs = router.jobsFor(event);
        queued += eventJobs.filter((j) => j.mappingName !== null).length;
        chunk.push({ sourceId: 'bench', messageId: event.messageId as string, personKey: personKeyOf(event), type: event.type, event, receivedAt, jobs: eventJobs });
      }
      await store.insertEvents(chunk);
      events += chunk.length;
    }
  } finally {
    await store.close();
  }
  return { events, jobs: queued, seconds: (Date.now() - started) / 1000 };
}
