// Shared fixtures of the store contract: a fresh store per test, a config, events and attempt records.
import { afterEach, beforeEach, expect } from 'vitest';
import type { DestinationConfig, FerryConfig } from '../../config/model.js';
import { FerryError } from '../../errors.js';
import type { AttemptRecord, JobResult, LeasedJob, NewEvent, NewJob, Store } from '../types.js';

/** Opens a new, empty store; the suite closes it after each test. */
export type OpenStore = () => Promise<Store>;

export const T0 = new Date('2025-01-01T00:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const at = (ms: number) => new Date(T0.getTime() + ms);

/** A fixed 32-byte secret key for stores under test: sampleConfig's access tokens are secrets, stored encrypted. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

export function useStore(open: OpenStore): () => Store {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (store === undefined) throw new Error('the store is opened in beforeEach');
    return store;
  };
}

export function destination(id: string, extra: Partial<DestinationConfig> = {}): DestinationConfig {
  return {
    id,
    type: 'intercom',
    enabled: true,
    settings: { region: 'us', apiVersion: '2.11', accessToken: `token-${id}` },
    ...extra,
  };
}

/** d1 has two mappings of its own, d2 uses the presets (no `mappings`). */
export function sampleConfig(): FerryConfig {
  return {
    sources: [
      { id: 'web', writeKey: 'wk-web' },
      { id: 'app', name: 'Mobile app', writeKey: 'wk-app' },
    ],
    destinations: [
      destination('d1', {
        name: 'Intercom',
        mappings: [
          { name: 'identify', action: 'identifyContact', trigger: 'type = "identify"', enabled: true },
          {
            name: 'orders',
            action: 'trackEvent',
            trigger: 'type = "track" and event = "Order Completed"',
            mapping: { event_name: { '@path': '$.event' } },
            enabled: false,
          },
        ],
      }),
      destination('d2', { settings: { region: 'eu', apiVersion: '2.11', endpoint: 'http://127.0.0.1:9/x' } }),
    ],
  };
}

export interface EventOptions {
  at?: Date;
  source?: string;
  messageId?: string;
  /** Default: one job for d1's "identify" mapping. */
  jobs?: NewJob[];
}

/** Event number `n` of `person`; the number comes back as `event.n` on leased jobs. */
export function newEvent(n: number, person: string, options: EventOptions = {}): NewEvent {
  const messageId = options.messageId ?? `message-${n}`;
  return {
    sourceId: options.source ?? 'web',
    messageId,
    personKey: person,
    type: 'identify',
    event: { type: 'identify', messageId, userId: person, traits: { email: `${person}@example.com` }, n },
    receivedAt: options.at ?? T0,
    jobs: options.jobs ?? [{ destinationId: 'd1', mappingName: 'identify' }],
  };
}

export const numbersOf = (jobs: readonly LeasedJob[]) => jobs.map((job) => job.event.n as number);

export function attempt(status: AttemptRecord['status'], startedAt: Date, extra: Partial<AttemptRecord> = {}) {
  return { startedAt, durationMs: 12, status, warnings: [], requests: [], ...extra } satisfies AttemptRecord;
}

/** A store with the sample config applied. */
export async function configured(store: Store): Promise<Store> {
  await store.applyConfig(sampleConfig());
  return store;
}

export const finished = (status: 'delivered' | 'delivered-with-warnings' | 'rejected', startedAt = T0): JobResult => ({
  kind: 'finished',
  status,
  attempt: attempt(status, startedAt),
});

export const retry = (nextAttemptAt: Date, giveUpAt: Date | null = null, startedAt = T0): JobResult => ({
  kind: 'retry',
  nextAttemptAt,
  giveUpAt,
  attempt: attempt('retrying', startedAt),
});

export const release = (nextAttemptAt: Date): JobResult => ({ kind: 'release', nextAttemptAt });

/** The FerryError a call is refused with. */
export async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

/** Source and destination ids, in order. */
export const ids = async (s: Store) => ({
  sources: (await s.listSources()).map((x) => x.id),
  destinations: (await s.listDestinations()).map((x) => x.id),
});
