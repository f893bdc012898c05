// The notifications role: what one ferry process tells the others sharing its store — new jobs, a changed config.

/** jobs-queued: new jobs may be due (ingest, replay); config-changed: sources, destinations or mappings changed. */
export type StoreChannel = 'jobs-queued' | 'config-changed';

export interface NotificationStore {
  /**
   * Tells every other process on this store (not this one: it knows). The store publishes jobs-queued itself whenever
   * it queues jobs; config-changed is the admin's to publish. The embedded store has one process: nothing to tell.
   */
  publish(channel: StoreChannel): Promise<void>;
  /**
   * Calls `handler` whenever another process publishes on `channel`, and once more after the store lost and regained
   * its way to hear them (something may have been missed). Resolves once listening (or trying to); the function it
   * resolves to stops the calls.
   */
  subscribe(channel: StoreChannel, handler: () => void): Promise<() => void>;
}
