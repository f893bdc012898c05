// R20: a token bucket per destination account (Intercom: workspace), seeded from X-RateLimit-* on every answer, so ferry sends below the limit
// instead of provoking 429s.

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Unix seconds at which the current window ends. */
  reset?: number;
}

export function readRateLimitHeaders(headers: Record<string, string>): RateLimitHeaders {
  const number = (name: string) => {
    const value = Number(headers[name]);
    return headers[name] !== undefined && Number.isFinite(value) ? value : undefined;
  };
  return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), reset: number('x-ratelimit-reset') };
}

/** What a paced client asks before and tells after each request; in memory (one node) or shared through the store. */
export interface Pacer {
  /** 0 when a request may go now (its slot is then taken), else how long to wait before asking again. */
  reserve(nowMs: number): number | Promise<number>;
  /** Called with every answer (including errors) to a request that `reserve` let through. */
  observe(headers: RateLimitHeaders): void | Promise<void>;
  /** A request that got no answer (network error): its slot is given back as spent. */
  abandon(): void;
  /** Requests per second the account allows, as the answers told it; undefined until one did. */
  ratePerSecond(): number | undefined;
}

/** Intercom's window (10 s) until two answers from different windows show the real one. */
const ASSUMED_WINDOW_SECONDS = 10;

/** The limit and the window's length as X-RateLimit-* show them: the length is the smallest step between resets. */
export class RateEstimate {
  private limit: number | undefined;
  private latestReset: number | undefined;
  private windowSeconds: number | undefined;

  observe(headers: RateLimitHeaders): void {
    if (headers.limit === undefined || headers.reset === undefined || headers.limit <= 0) return;
    this.limit = headers.limit;
    if (this.latestReset !== undefined && headers.reset > this.latestReset) {
      const step = headers.reset - this.latestReset;
      this.windowSeconds = this.windowSeconds === undefined ? step : Math.min(this.windowSeconds, step);
    }
    if (this.latestReset === undefined || headers.reset > this.latestReset) this.latestReset = headers.reset;
  }

  ratePerSecond(): number | undefined {
    return this.limit === undefined ? undefined : this.limit / (this.windowSeconds ?? ASSUMED_WINDOW_SECONDS);
  }
}

// Sent a little after the announced reset: the two clocks are never exactly equal.
const RESET_MARGIN_MS = 50;

export class RatePacer implements Pacer {
  private limit: number | undefined;
  /** Requests ferry may still send in the current window; undefined = not known yet. */
  private remaining: number | undefined;
  private resetAtMs: number | undefined;
  /** The latest window end any answer announced: answers from older windows say nothing about the current one. */
  private latestResetMs = 0;
  private inFlight = 0;
  private readonly estimate = new RateEstimate();

  /** 0 when a request may go now (its slot is then taken), else how long to wait before asking again. */
  reserve(nowMs: number): number {
    if (this.resetAtMs !== undefined && nowMs >= this.resetAtMs + RESET_MARGIN_MS) {
      // A new window: its budget is the limit, minus requests still in flight that may count against it.
      this.remaining = this.limit === undefined ? undefined : Math.max(0, this.limit - this.inFlight);
      this.resetAtMs = undefined;
    }
    if (this.remaining === undefined || this.remaining > 0) {
      if (this.remaining !== undefined) this.remaining -= 1;
      this.inFlight += 1;
      return 0;
    }
    return this.resetAtMs === undefined ? 100 : this.resetAtMs + RESET_MARGIN_MS - nowMs;
  }

  /** Called with every answer (including errors) to a request that `reserve` let through. */
  observe(headers: RateLimitHeaders): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.estimate.observe(headers);
    if (headers.limit === undefined || headers.remaining === undefined || headers.reset === undefined) return;
    const resetMs = headers.reset * 1000;
    this.limit = headers.limit;
    if (resetMs < this.latestResetMs) return;
    this.latestResetMs = resetMs;
    // Other requests sent after this one was counted will still use the server's budget.
    const serverView = Math.max(0, headers.remaining - this.inFlight);
    if (this.resetAtMs === undefined || resetMs > this.resetAtMs) {
      this.resetAtMs = resetMs;
      this.remaining = this.remaining === undefined ? serverView : Math.min(this.remaining, serverView);
    } else if (resetMs === this.resetAtMs) {
      this.remaining = Math.min(this.remaining ?? serverView, serverView);
    }
  }

  /** A request that got no answer (network error): its slot is given back as spent. */
  abandon(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  ratePerSecond(): number | undefined {
    return this.estimate.ratePerSecond();
  }
}
