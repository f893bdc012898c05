// A steady latency from the start (the latencyMs option, kept across resets) and GET /_sim/concurrency, which counts
// the API requests being answered at once.
import { describe, expect, it } from 'vitest';
import { useSimulator } from './test-support/harness.js';

const LATENCY_MS = 200;
const sim = useSimulator({ latencyMs: LATENCY_MS, rateLimit: { limit: 10_000, windowSeconds: 10 } });

describe('latencyMs option and GET /_sim/concurrency', () => {
  it('answers many slow requests at once: the concurrency peak counts them, and none waits for another', async () => {
    expect((await sim.control('GET', '/concurrency')).body).toEqual({ inFlight: 0, peak: 0 });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 200 }, () => sim.api('GET', '/me')));
    const elapsed = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
    // All 200 at once, unless the first answers came before the last connections opened (a busy machine).
    const { inFlight, peak } = (await sim.control('GET', '/concurrency')).body;
    expect(inFlight).toBe(0);
    expect(peak).toBeGreaterThan(100);
    expect(peak).toBeLessThanOrEqual(200);
    // Timers, not a queue: 200 requests of 200 ms each take about one latency, far from 200 of them in a row.
    expect(elapsed).toBeGreaterThanOrEqual(LATENCY_MS - 1);
    expect(elapsed).toBeLessThan(LATENCY_MS * 20);
  });

  it('keeps the option after a reset, and the control API is never slowed nor counted', async () => {
    await sim.control('POST', '/faults', { latencyMs: 0 });
    await sim.control('POST', '/reset');
    expect((await sim.control('GET', '/faults')).body).toMatchObject({ latencyMs: LATENCY_MS });
    const started = performance.now();
    await sim.api('GET', '/me');
    expect(performance.now() - started).toBeGreaterThanOrEqual(LATENCY_MS - 1);
    expect((await sim.control('GET', '/concurrency')).body).toEqual({ inFlight: 0, peak: 1 });
  });

  it('clears to no latency until the next reset', async () => {
    await sim.control('POST', '/faults', { clear: true });
    const started = performance.now();
    await sim.api('GET', '/me');
    expect(performance.now() - started).toBeLessThan(LATENCY_MS);
  });
});
