// Test fixtures for the Deliveries pages: deliveries, a page of them, stats and a destination as the API answers them.
import type { Delivery, DeliveryDetail, Stats } from './delivery-types.js';

export const delivery = (id: number, extra: Partial<Delivery> = {}): Delivery => ({
  id, destinationId: 'intercom', mapping: 'Track Event', action: 'trackEvent', person: 'ann', eventType: 'track',
  messageId: `m-${id}`, state: 'delivered', attempts: 1, queuedAt: '2026-12-04T11:58:00.000Z', finishedAt: '2026-12-04T11:58:01.000Z',
  nextAttemptAt: null, lastError: null, warnings: [], replayedBy: null, ...extra,
});

const zero = { delivered: 0, 'delivered-with-warnings': 0, retrying: 0, rejected: 0, filtered: 0, queued: 0 };

export const stats = (bucket: 'minute' | 'hour' = 'minute'): Stats => ({
  bucket, from: '2026-12-04T11:00:00.000Z',
  series: [
    { start: '2026-12-04T11:57:00.000Z', ...zero, delivered: 3, rejected: 2 },
    { start: '2026-12-04T11:58:00.000Z', ...zero, 'delivered-with-warnings': 1, filtered: 1 },
  ],
  totals: { ...zero, delivered: 3, rejected: 2, 'delivered-with-warnings': 1, filtered: 1 },
});

export const destination = (extra: Record<string, unknown> = {}) => ({
  id: 'intercom', type: 'intercom', enabled: true, settings: {}, presets: true, pausedReason: null,
  mappings: [
    { name: 'Identify Contact', action: 'identifyContact', enabled: true },
    { name: 'Track Event', action: 'trackEvent', enabled: true },
  ],
  ...extra,
});

export const ACTIONS = {
  actions: [
    { key: 'identifyContact', title: 'Identify Contact' },
    { key: 'identifyCompany', title: 'Identify Company' },
    { key: 'trackEvent', title: 'Track Event' },
  ],
};

export const detail = (extra: Partial<DeliveryDetail> = {}): DeliveryDetail => ({
  ...delivery(12, { state: 'delivered-with-warnings', attempts: 2, warnings: ['metadata keys left out (Intercom keeps 10): k11, k12'] }),
  event: { type: 'track', event: 'Signed Up', userId: 'ann', properties: { plan: 'pro' } },
  replayOf: null,
  attemptLog: [
    {
      number: 1, startedAt: '2026-12-04T11:58:00.000Z', durationMs: 31, status: 'retrying', warnings: [],
      error: { code: 'FERRY_ERR_DESTINATION_UNAVAILABLE', message: 'Intercom answered 503' },
      requests: [{ method: 'POST', url: 'http://127.0.0.1:4010/events', body: { event_name: 'Signed Up' }, status: 503, response: { type: 'error.list' }, durationMs: 30 }],
    },
    {
      number: 2, startedAt: '2026-12-04T11:58:05.000Z', durationMs: 12, status: 'delivered-with-warnings',
      warnings: ['metadata keys left out (Intercom keeps 10): k11, k12'],
      requests: [{ method: 'POST', url: 'http://127.0.0.1:4010/events', body: { event_name: 'Signed Up', user_id: 'ann' }, status: 202, response: null, durationMs: 11 }],
    },
  ],
  ...extra,
});
