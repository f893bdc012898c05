// Fixed-window request limiter with Intercom's X-RateLimit-* header semantics (windows aligned to the clock).

export interface RateLimitSettings {
  /** Requests allowed per window (Intercom: 167 per 10 s for 1,000/min). */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window ends. */
  reset: number;
}

export class RateLimiter {
  private windowStartMs = 0;
  private used = 0;

  constructor(public settings: RateLimitSettings) {}

  /** Counts one request made at `nowMs`. */
  take(nowMs: number): RateLimitDecision {
    const windowMs = this.settings.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    if (start !== this.windowStartMs) {
      this.windowStartMs = start;
      this.used = 0;
    }
    const { limit } = this.settings;
    const allowed = this.used < limit;
    if (allowed) this.used += 1;
    return { allowed, limit, remaining: limit - this.used, reset: Math.ceil((start + windowMs) / 1000) };
  }

  configure(settings: RateLimitSettings): void {
    this.settings = settings;
    this.windowStartMs = 0;
    this.used = 0;
  }
}
