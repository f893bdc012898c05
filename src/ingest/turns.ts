// Turn-taking on the HTTP thread: ingest prepares a bounded number of events per turn of the event loop, so the
// delivery's I/O (leases, Intercom answers, outcomes) runs between requests that pour in.

interface Waiting {
  events: number;
  go(): void;
}

/**
 * Requests wait here before their validation, normalization and routing (about 10-30 us of CPU per event). Each turn
 * lets through requests up to `eventsPerTurn` events (at least one request), then yields to the loop's I/O with
 * setImmediate. With nothing else to do a turn is a few microseconds, so ingest alone barely notices it; with
 * deliveries waiting, a delivery step waits for one turn of ingest, not for every request that arrived at once.
 */
export class Turns {
  private readonly queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly eventsPerTurn = 200) {}

  /** Resolves when it is this request's turn; `events` is its size (1 for a single call, a batch's length). */
  take(events: number): Promise<void> {
    return new Promise((go) => {
      this.queue.push({ events, go });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    let budget = this.eventsPerTurn;
    do {
      const next = this.queue.shift()!;
      budget -= next.events;
      next.go();
    } while (this.queue.length > 0 && this.queue[0]!.events <= budget);
    this.schedule();
  }
}

/** A parsed body's size in events, before validation: a batch's length, else 1. */
export function eventsIn(body: unknown): number {
  const batch = (body as { batch?: unknown } | null)?.batch;
  return Array.isArray(batch) ? Math.max(1, batch.length) : 1;
}
