// The admin API's delivery log answers as the Deliveries pages read them (GET /api/.../deliveries, stats, replay).
import type { Exchange } from '../../api/types.js';

export type DeliveryState = 'pending' | 'retrying' | 'leased' | 'delivered' | 'delivered-with-warnings' | 'rejected' | 'filtered';

export interface DeliveryError {
  code?: string;
  message: string;
}

export interface Delivery {
  id: number;
  destinationId: string;
  /** null: no mapping matched the event (filtered). */
  mapping: string | null;
  action: string | null;
  person: string;
  eventType: string;
  messageId: string;
  state: DeliveryState;
  attempts: number;
  queuedAt: string;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  lastError: DeliveryError | null;
  warnings: string[];
  replayedBy: number | null;
}

export interface DeliveryPage {
  items: Delivery[];
  nextCursor?: string;
}

export interface Attempt {
  number: number;
  startedAt: string;
  durationMs: number;
  status: string;
  warnings: string[];
  error?: DeliveryError;
  requests: Exchange[];
}

export interface DeliveryDetail extends Delivery {
  event: Record<string, unknown>;
  attemptLog: Attempt[];
  replayOf: number | null;
}

export const STAT_KEYS = ['delivered', 'delivered-with-warnings', 'retrying', 'rejected', 'filtered', 'queued'] as const;
export type StatKey = (typeof STAT_KEYS)[number];
export type StatCounts = Record<StatKey, number>;

export interface Stats {
  bucket: 'minute' | 'hour';
  from: string;
  series: Array<{ start: string } & StatCounts>;
  totals: StatCounts;
}

export interface ReplayOneAnswer {
  id: number;
  replayOf: number;
}

export interface ReplayManyAnswer {
  count: number;
  ids: number[];
  limit: number;
  more: boolean;
  skipped: number;
}

export interface CatalogAction {
  key: string;
  title: string;
}
