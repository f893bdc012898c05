// R20 across nodes: a pacer that draws request slots from the store's shared budget of the account (every node of one
// database draws from the same row), a few at a time, and tells the budget what the answers say is left.
import type { RateBudget, RateGrant } from '../store/types.js';
import { RatePacer, type Pacer, type RateLimitHeaders } from './pacer.js';

export interface SharedPacerOptions {
  /** Slots taken at most per round trip to the database (fewer when fewer requests wait). */
  maxBatch: number;
  /** How long slots taken but not used stay usable (never beyond their window's end). */
  slotLifeMs: number;
}

/** A batch of a tenth of the window's limit at most, so that one node cannot hold what the others wait for. */
export const batchFor = (limit: number | undefined): number => Math.max(1, Math.min(10, Math.floor((limit ?? 10) / 10)));

export const DEFAULT_SHARED_PACER: SharedPacerOptions = { maxBatch: 10, slotLifeMs: 500 };

export class SharedRatePacer implements Pacer {
  private slots = 0;
  private slotsUntilMs = 0;
  private inFlight = 0;
  private waiting = 0;
  private refill: Promise<number> | undefined;
  /** Requests let through in the current and the previous second (by the caller's clock): the recent pace. */
  private secondStartMs = 0;
  private sentThisSecond = 0;
  private sentLastSecond = 0;
  /** The row as the last take left it: answers that tell nothing new are not written. */
  private known: RateGrant | undefined;
  private limit: number | undefined;
  /** Paces this node alone while the database does not answer. */
  private readonly alone = new RatePacer();
  /** Round trips to the database, for the tests and the bench. */
  readonly roundTrips = { takes: 0, observations: 0 };

  constructor(
    private readonly budget: RateBudget,
    private readonly key: string,
    private readonly options: SharedPacerOptions = DEFAULT_SHARED_PACER,
  ) {}

  async reserve(nowMs: number): Promise<number> {
    this.waiting += 1;
    try {
      // Times go on from the caller's clock (`nowMs`) while this waits for the database.
      const startedAt = Date.now();
      for (let now = nowMs; ; now = nowMs + Date.now() - startedAt) {
        if (this.takeLocalSlot(now)) return 0;
        this.refill ??= this.refillFrom(now).finally(() => (this.refill = undefined));
        const wait = await this.refill;
        if (wait > 0) return wait;
      }
    } finally {
      this.waiting -= 1;
    }
  }

  private takeLocalSlot(nowMs: number): boolean {
    if (this.slots === 0 || nowMs >= this.slotsUntilMs) return false;
    this.slots -= 1;
    this.inFlight += 1;
    if (nowMs - this.secondStartMs >= 1_000) {
      this.sentLastSecond = nowMs - this.secondStartMs < 2_000 ? this.sentThisSecond : 0;
      this.secondStartMs = nowMs;
      this.sentThisSecond = 0;
    }
    this.sentThisSecond += 1;
    return true;
  }

  /** 0 when slots were granted (taken by whoever asks first), else how long to wait. */
  private async refillFrom(nowMs: number): Promise<number> {
    // What waits now, or what the recent pace will use within a slot's life, whichever is more; never more than a batch.
    const byPace = Math.ceil((this.sentLastSecond * this.options.slotLifeMs) / 1_000);
    const wanted = Math.max(1, Math.min(this.options.maxBatch, batchFor(this.limit), Math.max(this.waiting, byPace)));
    let grant: RateGrant;
    try {
      this.roundTrips.takes += 1;
      grant = await this.budget.take(this.key, wanted, nowMs);
    } catch {
      const wait = this.alone.reserve(nowMs);
      if (wait === 0) this.grantSlots(1, nowMs + this.options.slotLifeMs);
      return wait;
    }
    this.known = grant;
    if (grant.granted > 0) {
      this.grantSlots(grant.granted, Math.min(grant.windowEndMs ?? Infinity, nowMs + this.options.slotLifeMs));
      return 0;
    }
    return grant.windowEndMs === null ? 100 : Math.max(1, grant.windowEndMs + 50 - nowMs);
  }

  private grantSlots(count: number, untilMs: number): void {
    this.slots = count;
    this.slotsUntilMs = untilMs;
  }

  async observe(headers: RateLimitHeaders): Promise<void> {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.alone.observe(headers);
    if (headers.limit === undefined || headers.remaining === undefined || headers.reset === undefined) return;
    this.limit = headers.limit;
    const resetMs = headers.reset * 1000;
    const remaining = Math.max(0, headers.remaining - this.inFlight);
    const known = this.known;
    const newWindow = known?.windowEndMs == null || resetMs > known.windowEndMs;
    const lessLeft = known?.remaining == null || remaining < known.remaining;
    if (!newWindow && (resetMs < known!.windowEndMs! || !lessLeft)) return;
    this.known = { granted: 0, windowEndMs: resetMs, remaining: newWindow ? remaining : Math.min(known!.remaining ?? remaining, remaining) };
    try {
      this.roundTrips.observations += 1;
      await this.budget.observe(this.key, { limit: headers.limit, remaining, resetMs });
    } catch {
      // The database did not answer: this node paces itself alone until it does.
    }
  }

  abandon(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.alone.abandon();
  }

  /** The account's whole rate, though other nodes share it: each node's in-flight count is only an upper bound. */
  ratePerSecond(): number | undefined {
    return this.alone.ratePerSecond();
  }
}
