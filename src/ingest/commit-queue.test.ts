// Group commit: requests that arrive together share an insert, at most maxEvents each, and one bad request fails alone.
import { expect, it } from 'vitest';
import type { InsertResult, NewEvent } from '../store/types.js';
import { CommitQueue, type IngestCounts } from './commit-queue.js';

const event = (messageId: string): NewEvent => ({
  sourceId: 'web', messageId, personKey: 'ann', type: 'track', event: { messageId }, receivedAt: new Date(0), jobs: [],
});
const events = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => event(`${prefix}${i}`));

function recordingQueue(maxEvents?: number, refuse?: string) {
  const inserts: string[][] = [];
  const committed: Array<[string, IngestCounts]> = [];
  const queue = new CommitQueue({
    insert: async (batch): Promise<InsertResult> => {
      inserts.push(batch.map((e) => e.messageId));
      if (refuse !== undefined && batch.some((e) => e.messageId === refuse)) throw new Error('refused');
      return { inserted: batch.length, duplicates: 0 };
    },
    onCommitted: (sourceId, counts) => committed.push([sourceId, counts]),
    ...(maxEvents === undefined ? {} : { maxEvents }),
  });
  return { queue, inserts, committed };
}

it('commits the requests of one turn together, and answers each after the commit', async () => {
  const { queue, inserts, committed } = recordingQueue();
  await Promise.all([
    queue.store('web', events('a', 2), { duplicates: 1, rejected: 0 }),
    queue.store('web', events('b', 1), { duplicates: 0, rejected: 2 }),
  ]);
  expect(inserts).toEqual([['a0', 'a1', 'b0']]);
  expect(committed).toEqual([['web', { inserted: 3, duplicates: 1, rejected: 2 }]]);
});

it('splits a group at request boundaries so no commit holds more than maxEvents (a bigger request goes alone)', async () => {
  const { queue, inserts } = recordingQueue(3);
  await Promise.all([
    queue.store('web', events('a', 2), { duplicates: 0, rejected: 0 }),
    queue.store('web', events('b', 1), { duplicates: 0, rejected: 0 }),
    queue.store('web', events('c', 2), { duplicates: 0, rejected: 0 }),
    queue.store('web', events('d', 4), { duplicates: 0, rejected: 0 }),
  ]);
  expect(inserts).toEqual([['a0', 'a1', 'b0'], ['c0', 'c1'], ['d0', 'd1', 'd2', 'd3']]);
});

it('retries the requests of a failed commit one by one: only the one the store refuses fails', async () => {
  const { queue, inserts } = recordingQueue(undefined, 'b0');
  const results = await Promise.allSettled([
    queue.store('web', events('a', 1), { duplicates: 0, rejected: 0 }),
    queue.store('web', events('b', 1), { duplicates: 0, rejected: 0 }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  expect(inserts).toEqual([['a0', 'b0'], ['a0'], ['b0']]);
});
