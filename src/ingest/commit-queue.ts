// Group commit: tracking requests that arrive together are stored in one transaction, so one fsync serves them all.
import type { InsertResult, NewEvent } from '../store/types.js';

export interface IngestCounts {
  inserted: number;
  duplicates: number;
  rejected: number;
}

interface Waiting {
  events: NewEvent[];
  /** Counted before the store: items repeated within the request, and items refused. */
  duplicates: number;
  rejected: number;
  resolve(): void;
  reject(error: unknown): void;
}

export interface CommitQueueOptions {
  insert(events: NewEvent[]): Promise<InsertResult>;
  /** After each commit, per source: what it stored (one commit may hold several requests of the source). */
  onCommitted(sourceId: string, counts: IngestCounts): void;
  /** Most events per transaction: a burst is split so no single commit holds the event loop too long. */
  maxEvents?: number;
}

const DEFAULT_MAX_EVENTS = 10_000;

/**
 * With SQLite's synchronous=FULL every commit waits for an fsync (about 5 ms on a VM disk); requests that arrive in
 * the same turn of the event loop, or while the previous commit ran, share one. Each is answered after its commit.
 */
export class CommitQueue {
  private waiting = new Map<string, Waiting[]>();
  private running = false;

  constructor(private readonly options: CommitQueueOptions) {}

  /**
   * Resolves once `events` are committed (together with those of the requests that arrived in the same turn of the
   * event loop, or while the previous commit ran); rejects with the store's error when they could not be.
   */
  store(sourceId: string, events: NewEvent[], counted: { duplicates: number; rejected: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(sourceId);
      const entry = { events, ...counted, resolve, reject };
      if (list) list.push(entry);
      else this.waiting.set(sourceId, [entry]);
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.size > 0) {
        const groups = this.waiting;
        this.waiting = new Map();
        for (const [sourceId, requests] of groups) {
          for (const chunk of this.chunks(requests)) await this.commit(sourceId, chunk);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private chunks(requests: Waiting[]): Waiting[][] {
    const max = this.options.maxEvents ?? DEFAULT_MAX_EVENTS;
    const out: Waiting[][] = [];
    let current: Waiting[] = [];
    let size = 0;
    for (const request of requests) {
      if (current.length > 0 && size + request.events.length > max) {
        out.push(current);
        current = [];
        size = 0;
      }
      current.push(request);
      size += request.events.length;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private async commit(sourceId: string, requests: Waiting[]): Promise<void> {
    let result: InsertResult;
    try {
      result = await this.options.insert(requests.length === 1 ? requests[0]!.events : requests.flatMap((r) => r.events));
    } catch (error) {
      // One request the store cannot take must not fail the others that happened to share its transaction.
      if (requests.length === 1) requests[0]!.reject(error);
      else for (const request of requests) await this.commit(sourceId, [request]);
      return;
    }
    let duplicates = result.duplicates;
    let rejected = 0;
    for (const request of requests) {
      duplicates += request.duplicates;
      rejected += request.rejected;
    }
    try {
      this.options.onCommitted(sourceId, { inserted: result.inserted, duplicates, rejected });
    } finally {
      for (const request of requests) request.resolve();
    }
  }
}
