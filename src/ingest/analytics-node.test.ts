// The real @segment/analytics-node client pointed at ferry's tracking API: what it sends is what reaches the store.
import { Analytics } from '@segment/analytics-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../store/types.js';
import type { IngestStore } from './routes.js';
import { startIngest, type RunningIngest } from './test-support/ingest-server.js';

/** Test double of the two Store methods ingest uses: one write key; stores what it is given. */
class FakeStore implements IngestStore {
  readonly events: NewEvent[] = [];
  async findSourceByWriteKey(writeKey: string) {
    return writeKey === 'wk-node' ? { id: 'node-source', writeKey } : undefined;
  }
  async insertEvents(events: NewEvent[]) {
    this.events.push(...events);
    return { inserted: events.length, duplicates: 0 };
  }
}

// ferry's clock is far from the client's, so a correct skew correction is visible: timestamps land just before NOW.
const NOW = new Date('2030-01-01T00:00:00.000Z');

let store: FakeStore;
let server: RunningIngest;
let statuses: number[];

beforeEach(async () => {
  store = new FakeStore();
  server = await startIngest({ store, jobsFor: () => [], now: () => NOW });
  statuses = [];
});
afterEach(() => server.close());

function client(writeKey: string, flushAt: number) {
  const analytics = new Analytics({ writeKey, host: server.url, flushAt, flushInterval: 50, maxRetries: 2 });
  const errors: unknown[] = [];
  analytics.on('error', (error) => errors.push(error));
  analytics.on('http_response', (response) => statuses.push(response.status));
  return { analytics, errors };
}

function sendCalls(analytics: Analytics) {
  analytics.identify({ userId: 'user-1', traits: { email: 'ada@example.com', name: 'Ada' } });
  analytics.group({ userId: 'user-1', groupId: 'company-1', traits: { name: 'Acme', plan: 'pro' } });
  analytics.track({ userId: 'user-1', event: 'Order Completed', properties: { revenue: 12.5 }, integrations: { All: false, Intercom: true } });
}

describe('@segment/analytics-node -> /v1/batch', () => {
  it.each([[1], [3]])('delivers identify, group and track with flushAt %i', async (flushAt) => {
    const { analytics, errors } = client('wk-node', flushAt);
    sendCalls(analytics);
    await analytics.closeAndFlush({ timeout: 5_000 });

    expect(errors).toEqual([]);
    expect(statuses).toEqual(flushAt === 1 ? [200, 200, 200] : [200]);
    const byType = Object.fromEntries(store.events.map((e) => [e.type, e]));
    expect(Object.keys(byType).sort()).toEqual(['group', 'identify', 'track']);
    for (const stored of store.events) {
      expect(stored).toMatchObject({ sourceId: 'node-source', personKey: 'user-1', receivedAt: NOW });
      expect(stored.messageId).toBe(stored.event.messageId);
      expect(stored.messageId).toMatch(/^node-next-/);
      expect(stored.event).toMatchObject({
        context: { library: { name: '@segment/analytics-node' } },
        receivedAt: NOW.toISOString(),
        originalTimestamp: expect.any(String),
        sentAt: expect.any(String),
      });
      const skewed = Date.parse(stored.event.timestamp as string);
      expect(NOW.getTime() - skewed).toBeGreaterThanOrEqual(0);
      expect(NOW.getTime() - skewed).toBeLessThan(5_000);
      expect(stored.event).not.toHaveProperty('writeKey');
    }
    expect(byType.identify!.event.traits).toEqual({ email: 'ada@example.com', name: 'Ada' });
    expect(byType.group!.event).toMatchObject({ groupId: 'company-1', traits: { name: 'Acme', plan: 'pro' } });
    expect(byType.track!.event).toMatchObject({
      event: 'Order Completed',
      properties: { revenue: 12.5 },
      integrations: { All: false, Intercom: true },
    });
  });

  it('gets a 401 for an unknown write key, reports it and does not retry', async () => {
    const { analytics, errors } = client('wrong-key', 1);
    analytics.track({ userId: 'user-1', event: 'Nope' });
    await analytics.closeAndFlush({ timeout: 5_000 });
    expect(statuses).toEqual([401]);
    expect(errors).toHaveLength(1);
    expect(store.events).toEqual([]);
  });
});
