// The shared rate budget role (R20 across nodes): one budget row per destination account that every ferry process
// draws request slots from, for stores that several processes share (PostgreSQL). SQLite (one node) has no such role.

/** What the budget held after a take: the slots granted now and the window they belong to. */
export interface RateGrant {
  /** Slots granted (0..wanted); each is one request that may be sent now. */
  granted: number;
  /** Unix ms at which the account's current window ends; null when not known yet (before the first answer of it). */
  windowEndMs: number | null;
  /** Slots left in the window after this take; null when no answer has told the limit yet. */
  remaining: number | null;
}

/** What one answer's X-RateLimit-* headers said, as the budget keeps it. */
export interface RateObservation {
  limit: number;
  /** The server's remaining count, less the requests this process still has in flight. */
  remaining: number;
  /** Unix ms at which the answer's window ends. */
  resetMs: number;
}

export interface RateBudget {
  /** Takes up to `wanted` slots of `key`'s window at `nowMs` (a new window starts its limit over), atomically. */
  take(key: string, wanted: number, nowMs: number): Promise<RateGrant>;
  /** Lowers the budget to what an answer says is left (never raises it within a window), or starts its window. */
  observe(key: string, observation: RateObservation): Promise<void>;
}

export interface SharedRateBudgetStore {
  /** The budget shared by every process of this store. */
  sharedRateBudget(): RateBudget;
}
