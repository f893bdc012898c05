// The shared pacer's own decisions: slots taken several at a time for the requests waiting, answers written only when
// they tell the budget something new, and pacing alone while the database does not answer.
import { describe, expect, it } from 'vitest';
import type { RateBudget, RateGrant, RateObservation } from '../store/types.js';
import { SharedRatePacer } from './shared-pacer.js';

/** A budget in memory: `left` slots in a window ending at `endMs`; records every call. */
function fakeBudget(left: number, endMs: number | null) {
  const calls: string[] = [];
  const budget: RateBudget & { calls: string[]; failing: boolean } = {
    calls,
    failing: false,
    async take(_key: string, wanted: number): Promise<RateGrant> {
      calls.push(`take ${wanted}`);
      if (budget.failing) throw new Error('connection refused');
      const granted = Math.min(left, wanted);
      left -= granted;
      return { granted, windowEndMs: endMs, remaining: left };
    },
    async observe(_key: string, o: RateObservation): Promise<void> {
      calls.push(`observe ${o.remaining}@${o.resetMs}`);
    },
  };
  return budget;
}

describe('SharedRatePacer', () => {
  it('takes slots for the requests waiting, up to a tenth of the limit, and waits for the window end when none are left', async () => {
    const budget = fakeBudget(12, 10_000);
    const pacer = new SharedRatePacer(budget, 'k', { maxBatch: 10, slotLifeMs: 500 });
    expect(await pacer.reserve(1_000)).toBe(0);
    await pacer.observe({ limit: 50, remaining: 40, reset: 10 }); // learns the limit: batches of 5 now
    const waits = await Promise.all(Array.from({ length: 12 }, () => pacer.reserve(1_000)));
    expect(waits.filter((w) => w === 0)).toHaveLength(11);
    expect(waits.filter((w) => w > 0)).toEqual([10_050 - 1_000]);
    expect(budget.calls.filter((c) => c.startsWith('take'))).toEqual(['take 1', 'take 1', 'take 5', 'take 5', 'take 1']);
  });

  it('takes what the recent pace will use within a slot\'s life when requests come one at a time', async () => {
    const budget = fakeBudget(1_000, 100_000);
    const pacer = new SharedRatePacer(budget, 'k', { maxBatch: 10, slotLifeMs: 500 });
    await pacer.reserve(0);
    await pacer.observe({ limit: 1_000, remaining: 999, reset: 100 });
    // 8 requests a second, one at a time: a slot per take at first.
    for (let t = 1_000; t < 3_000; t += 125) expect(await pacer.reserve(t)).toBe(0);
    const takes = budget.calls.filter((c) => c.startsWith('take'));
    expect(takes.slice(0, 3)).toEqual(['take 1', 'take 1', 'take 1']);
    // Once a second at that pace is known: the 4 slots it uses in 500 ms at once.
    expect(takes.at(-1)).toBe('take 4');
    expect(takes.length).toBeLessThan(16);
  });

  it('writes an answer only when it starts a window or says less is left than the budget knew', async () => {
    const budget = fakeBudget(100, 10_000);
    const pacer = new SharedRatePacer(budget, 'k');
    for (let i = 0; i < 3; i++) await pacer.reserve(1_000);
    await pacer.observe({ limit: 100, remaining: 99, reset: 10 }); // the window the budget knows, more left than it
    await pacer.observe({ limit: 100, remaining: 40, reset: 10 }); // someone else spent: less left
    await pacer.observe({ limit: 100, remaining: 0, reset: 9 }); // an older window: nothing to say
    expect(budget.calls.filter((c) => c.startsWith('observe'))).toEqual(['observe 39@10000']);
    expect(pacer.roundTrips).toEqual({ takes: 3, observations: 1 }); // one slot a take until the limit is known
  });

  it('paces itself alone, from the answers, while the database does not answer', async () => {
    const budget = fakeBudget(100, null);
    budget.failing = true;
    const pacer = new SharedRatePacer(budget, 'k');
    expect(await pacer.reserve(1_000)).toBe(0);
    await pacer.observe({ limit: 2, remaining: 0, reset: 5 });
    expect(await pacer.reserve(2_000)).toBe(5_050 - 2_000);
    expect(await pacer.reserve(5_050)).toBe(0);
  });
});
