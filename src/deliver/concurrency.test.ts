// The in-flight target (Little's law on the rate limit and the latency, capped) and the latency average it reads.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_CONCURRENCY, IN_FLIGHT_MARGIN, LatencyMeter, MIN_IN_FLIGHT, STARTING_IN_FLIGHT, targetInFlight,
} from './concurrency.js';
import { RateEstimate } from './pacer.js';

describe('targetInFlight', () => {
  it("keeps Intercom's default limit busy at 150 ms: 166.7/s x 0.15 s x margin 2 = 51 jobs", () => {
    expect(targetInFlight({ ratePerSecond: 1_667 / 10, latencyMs: 150, cap: DEFAULT_MAX_CONCURRENCY })).toBe(51);
    expect(IN_FLIGHT_MARGIN).toBe(2);
  });

  it('follows the latency and the limit: twice either, twice the jobs', () => {
    const base = targetInFlight({ ratePerSecond: 100, latencyMs: 100, cap: 1_000 });
    expect(base).toBe(20);
    expect(targetInFlight({ ratePerSecond: 100, latencyMs: 200, cap: 1_000 })).toBe(40);
    expect(targetInFlight({ ratePerSecond: 200, latencyMs: 100, cap: 1_000 })).toBe(40);
  });

  it('never goes above the cap, nor below one', () => {
    expect(targetInFlight({ ratePerSecond: 1e8, latencyMs: 300, cap: 64 })).toBe(64);
    expect(targetInFlight({ ratePerSecond: 1e8, latencyMs: 300, cap: 1 })).toBe(1);
    expect(targetInFlight({ ratePerSecond: 1, latencyMs: 300, cap: 1 })).toBe(1);
    expect(targetInFlight({ ratePerSecond: 1e8, latencyMs: 300, cap: 0 })).toBe(1);
  });

  it('keeps a few in flight when the network is fast, so jobs overlap their own work', () => {
    expect(targetInFlight({ ratePerSecond: 100, latencyMs: 1, cap: 64 })).toBe(MIN_IN_FLIGHT);
    expect(targetInFlight({ ratePerSecond: 100, latencyMs: 1, cap: 2 })).toBe(2);
  });

  it('starts at STARTING_IN_FLIGHT (within the cap) until both the limit and the latency are known', () => {
    expect(targetInFlight({ ratePerSecond: undefined, latencyMs: 150, cap: 64 })).toBe(STARTING_IN_FLIGHT);
    expect(targetInFlight({ ratePerSecond: 100, latencyMs: undefined, cap: 64 })).toBe(STARTING_IN_FLIGHT);
    expect(targetInFlight({ ratePerSecond: undefined, latencyMs: undefined, cap: 8 })).toBe(8);
  });
});

describe('LatencyMeter', () => {
  it('starts at the first answer, then moves a tenth of the way to each new one', () => {
    const meter = new LatencyMeter();
    expect(meter.latencyMs).toBeUndefined();
    meter.observe(100);
    expect(meter.latencyMs).toBe(100);
    meter.observe(200);
    expect(meter.latencyMs).toBeCloseTo(110);
  });

  it('converges on a steady latency, and ignores impossible values', () => {
    const meter = new LatencyMeter();
    meter.observe(5);
    for (let i = 0; i < 100; i++) meter.observe(150);
    expect(meter.latencyMs).toBeCloseTo(150, 2);
    meter.observe(Number.NaN);
    meter.observe(-1);
    expect(meter.latencyMs).toBeCloseTo(150, 2);
  });
});

describe('RateEstimate', () => {
  it("assumes Intercom's 10 s window until answers from two windows show the real one", () => {
    const estimate = new RateEstimate();
    expect(estimate.ratePerSecond()).toBeUndefined();
    estimate.observe({ limit: 100, remaining: 99, reset: 1_001 });
    expect(estimate.ratePerSecond()).toBe(10);
    estimate.observe({ limit: 100, remaining: 98, reset: 1_001 });
    expect(estimate.ratePerSecond()).toBe(10);
    estimate.observe({ limit: 100, remaining: 99, reset: 1_002 });
    expect(estimate.ratePerSecond()).toBe(100);
  });

  it('takes the smallest step between resets (idle windows in between make larger ones), and old answers change nothing', () => {
    const estimate = new RateEstimate();
    estimate.observe({ limit: 1_667, remaining: 1, reset: 1_000 });
    estimate.observe({ limit: 1_667, remaining: 1, reset: 1_030 });
    expect(estimate.ratePerSecond()).toBeCloseTo(1_667 / 30);
    estimate.observe({ limit: 1_667, remaining: 1, reset: 1_020 });
    estimate.observe({ limit: 1_667, remaining: 1, reset: 1_040 });
    expect(estimate.ratePerSecond()).toBeCloseTo(166.7);
  });

  it('ignores answers without the headers', () => {
    const estimate = new RateEstimate();
    estimate.observe({});
    estimate.observe({ limit: 0, remaining: 0, reset: 5 });
    expect(estimate.ratePerSecond()).toBeUndefined();
  });
});
