// The Store: everything ferry keeps, as one role interface per consumer (see roles/); the SQLite store implements all.
import type { ConfigStore } from './roles/config.js';
import type { ControlStore } from './roles/control.js';
import type { DeliveryLogStore } from './roles/delivery-log.js';
import type { EventStore } from './roles/events.js';
import type { IdentityStore } from './roles/identity-cache.js';
import type { JobQueueStore } from './roles/job-queue.js';
import type { NotificationStore } from './roles/notifications.js';
import type { PeopleStore } from './roles/people.js';
import type { SharedRateBudgetStore } from './roles/rate-budget.js';
import type { RetentionStore } from './roles/retention.js';

export type * from './roles/config.js';
export type * from './roles/control.js';
export type * from './roles/delivery-log.js';
export type * from './roles/events.js';
export * from './roles/identity-cache.js';
export type * from './roles/job-queue.js';
export type * from './roles/notifications.js';
export type * from './roles/people.js';
export type * from './roles/rate-budget.js';
export type * from './roles/retention.js';

/** A whole store: every role, and closing it. Consumers take the roles they use, not this. */
export type Store = ConfigStore &
  ControlStore &
  EventStore &
  JobQueueStore &
  DeliveryLogStore &
  IdentityStore &
  RetentionStore &
  PeopleStore &
  NotificationStore &
  /** Only stores several processes share have one (PostgreSQL); one process paces itself in memory. */
  Partial<SharedRateBudgetStore> & {
    close(): Promise<void>;
  };
