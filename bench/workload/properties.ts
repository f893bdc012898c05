// Track calls of the workload: event names and properties — a third with revenue, some with > 10 keys or nested objects.
import type { Random } from './random.js';

const EVENTS = ['Product Viewed', 'Order Completed', 'Signed In', 'Feature Used', 'Invite Sent', 'Checkout Started', 'Report Exported', 'Article Read'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];

export interface TrackKind {
  revenue: boolean;
  /** More than 10 properties (Intercom keeps 10 metadata keys). */
  many: boolean;
  /** A nested object or list (left out of Intercom metadata with a warning). */
  nested: boolean;
}

export function trackProperties(random: Random, i: number): { event: string; properties: Record<string, unknown>; kind: TrackKind } {
  const kind: TrackKind = { revenue: random.chance(1 / 3), many: random.chance(0.1), nested: random.chance(0.1) };
  const event = kind.revenue ? random.pick(['Order Completed', 'Plan Upgraded', 'Checkout Completed']) : random.pick(EVENTS);
  const properties: Record<string, unknown> = { sku: `sku-${random.int(2_000)}`, source: random.pick(['web', 'ios', 'android']) };
  if (kind.revenue) {
    properties.revenue = Math.round(random.next() * 50_000) / 100;
    properties.currency = random.pick(CURRENCIES);
    properties.order_id = `order-${i}`;
  }
  const extra = kind.many ? 10 + random.int(6) : random.int(3);
  for (let k = 0; k < extra; k++) properties[`attr_${k}`] = random.chance(0.5) ? random.int(1_000) : `value-${random.int(100)}`;
  if (kind.nested) {
    properties.product = { id: `p-${random.int(500)}`, name: 'Widget', price: 19.99, tags: ['a', 'b'] };
    properties.link = { url: 'https://www.example.com/p', value: 'Product page' };
  }
  return { event, properties, kind };
}
