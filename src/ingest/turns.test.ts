// Turn-taking: requests go through a bounded number of events per turn of the event loop, I/O runs between turns.
import { stat } from 'node:fs';
import { expect, it } from 'vitest';
import { eventsIn, Turns } from './turns.js';

/** Counts turns of the event loop: one increment per check phase. */
function loopCounter() {
  let iteration = 0;
  let running = true;
  const tick = () => {
    iteration += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => iteration, stop: () => (running = false) };
}

it('lets through up to eventsPerTurn events per turn (at least one request), in arrival order', async () => {
  const turns = new Turns(200);
  const loop = loopCounter();
  const seen: Array<[string, number]> = [];
  const take = (name: string, events: number) => turns.take(events).then(() => seen.push([name, loop.now()]));
  await Promise.all([take('a', 100), take('b', 100), take('c', 150), take('d', 300), take('e', 1)]);
  loop.stop();
  const at = Object.fromEntries(seen);
  expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(at.a).toBe(at.b);
  expect([at.c! > at.b!, at.d! > at.c!, at.e! > at.d!]).toEqual([true, true, true]);
});

it('lets I/O answers in between: a file stat the first request starts is answered before the last busy request', async () => {
  const turns = new Turns(1);
  const order: string[] = [];
  const busy = () => {
    const until = performance.now() + 0.5;
    while (performance.now() < until);
  };
  await Promise.all(Array.from({ length: 60 }, (_, i) => turns.take(1).then(() => {
    if (i === 0) stat('.', () => order.push('io'));
    busy();
    order.push(`r${i}`);
  })));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(order[0]).toBe('r0');
  expect(order.indexOf('io')).toBeGreaterThan(0);
  expect(order.indexOf('io')).toBeLessThan(order.length - 1);
});

it('counts a batch by its length and anything else as one event', () => {
  expect([eventsIn({ batch: [1, 2, 3] }), eventsIn({ batch: [] }), eventsIn({ type: 'track' }), eventsIn(null), eventsIn('x')]).toEqual([3, 1, 1, 1, 1]);
});
