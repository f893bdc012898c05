// How many jobs a destination keeps in flight: Little's law on the account's rate limit and the answers' latency, capped.

/** The `maxConcurrency` a destination has when its settings do not say (see docs/config.md). */
export const DEFAULT_MAX_CONCURRENCY = 64;

/** In flight before anything is measured: the limit and the latency are learned from the first answers. */
export const STARTING_IN_FLIGHT = 16;
/**
 * At least this many (if the cap allows): a job is more than its request (lease, body build, finish), and on a busy
 * machine that work, not the network, sets its duration. 16 is the constant this replaces: a fast network never gets
 * fewer in flight than before.
 */
export const MIN_IN_FLIGHT = 16;
/** Room over rate x latency for the latency's spread and a job's own time around its requests. */
export const IN_FLIGHT_MARGIN = 2;

export interface InFlightInputs {
  /** Requests per second the account allows (its limit over its window), undefined while unknown. */
  ratePerSecond: number | undefined;
  /** The typical time from sending a request to its answer, undefined before the first answer. */
  latencyMs: number | undefined;
  /** The destination's `maxConcurrency`. */
  cap: number;
}

/**
 * Jobs to keep in flight: enough requests on the wire to use the whole rate limit at this latency (rate x latency,
 * Little's law) with a margin, within [min(MIN_IN_FLIGHT, cap), cap]. With nothing measured yet, STARTING_IN_FLIGHT.
 */
export function targetInFlight({ ratePerSecond, latencyMs, cap }: InFlightInputs): number {
  const ceiling = Math.max(1, Math.floor(cap));
  if (ratePerSecond === undefined || latencyMs === undefined) return Math.min(ceiling, STARTING_IN_FLIGHT);
  const needed = Math.ceil(((ratePerSecond * latencyMs) / 1000) * IN_FLIGHT_MARGIN);
  return Math.min(ceiling, Math.max(MIN_IN_FLIGHT, needed));
}

/** An exponentially weighted moving average of answer times: recent answers count most, one slow answer little. */
export class LatencyMeter {
  private average: number | undefined;

  constructor(private readonly weight = 0.1) {}

  observe(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.average = this.average === undefined ? ms : this.average + this.weight * (ms - this.average);
  }

  get latencyMs(): number | undefined {
    return this.average;
  }
}
