// The shared rate budget row: takes are atomic across pools, a window starts over at its limit, answers only lower it.
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(url: string): Promise<PostgresStore> {
  const store = await openPostgresStore({ url, poolSize: 4 });
  stores.push(store);
  return store;
}

describe('PostgreSQL rate budget', () => {
  it('grants what is asked until an answer tells the limit, then counts the window down to zero', async (context) => {
    postgresOrSkip(context);
    const budget = (await open(await freshDatabase())).sharedRateBudget();
    expect(await budget.take('k', 3, 1_000)).toEqual({ granted: 3, windowEndMs: null, remaining: null });
    expect(await budget.take('k', 1, 1_000)).toEqual({ granted: 1, windowEndMs: null, remaining: null });
    // The first answer counted one of the four slots granted blind: the three others may still come.
    await budget.observe('k', { limit: 10, remaining: 9, resetMs: 5_000 });
    expect(await budget.take('k', 4, 1_100)).toEqual({ granted: 4, windowEndMs: 5_000, remaining: 2 });
    expect(await budget.take('k', 4, 1_200)).toEqual({ granted: 2, windowEndMs: 5_000, remaining: 0 });
    expect(await budget.take('k', 1, 4_000)).toEqual({ granted: 0, windowEndMs: 5_000, remaining: 0 });
    // After the end (+ 50 ms margin) the window starts over at the limit; its end is known from its first answer.
    expect(await budget.take('k', 4, 5_050)).toEqual({ granted: 4, windowEndMs: null, remaining: 6 });
    await budget.observe('k', { limit: 10, remaining: 3, resetMs: 10_000 });
    expect(await budget.take('k', 1, 5_100)).toEqual({ granted: 1, windowEndMs: 10_000, remaining: 2 });
  });

  it('never raises a window with an answer, and ignores answers of an older window', async (context) => {
    postgresOrSkip(context);
    const budget = (await open(await freshDatabase())).sharedRateBudget();
    await budget.observe('k', { limit: 10, remaining: 4, resetMs: 5_000 });
    await budget.observe('k', { limit: 10, remaining: 8, resetMs: 5_000 });
    await budget.observe('k', { limit: 10, remaining: 0, resetMs: 4_000 });
    expect(await budget.take('k', 10, 1_000)).toEqual({ granted: 4, windowEndMs: 5_000, remaining: 0 });
    expect(await budget.take('other', 1, 1_000)).toMatchObject({ granted: 1, remaining: null });
  });

  it('hands out every slot exactly once to two processes taking at the same time', async (context) => {
    postgresOrSkip(context);
    const url = await freshDatabase();
    const [a, b] = [(await open(url)).sharedRateBudget(), (await open(url)).sharedRateBudget()];
    await a.observe('k', { limit: 100, remaining: 100, resetMs: 60_000 });
    const takes = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).take('k', 3, 1_000)));
    const granted = takes.map((t) => t.granted);
    expect(granted.reduce((sum, n) => sum + n, 0)).toBe(100);
    expect(granted.filter((n) => n === 3)).toHaveLength(33);
    expect((await a.take('k', 1, 1_000)).granted).toBe(0);
  });
});
