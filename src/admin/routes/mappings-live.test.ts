// A mapping change through the admin API is live for ingest at once: what reaches the simulator follows it.
import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { admin, send, waitFor } from '../../commands/test-support/ferry.js';
import { useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const handle = useFerry(() => sim.url);
const BASE = '/api/destinations/intercom/mappings';

it('adds a disabled mapping (nothing delivered), enables it (delivered), deletes it (filtered again), no restart', async () => {
  const ferry = await handle.start();
  const settled = (expected: Record<string, number>) =>
    waitFor(async () => isDeepStrictEqual(await ferry.store.jobStateCounts(), expected), 20_000, JSON.stringify(expected));
  const track = (n: number, event = 'Order Completed') =>
    send(ferry.url, '/v1/track', { userId: 'u1', event, properties: { n } });

  expect((await send(ferry.url, '/v1/identify', { userId: 'u1', traits: { email: 'u1@example.com' } })).status).toBe(200);
  await settled({ delivered: 1 });

  // Only "Order Completed" should reach Intercom, through a mapping of its own, disabled at first.
  expect((await admin(ferry.url, 'POST', `${BASE}/Track%20Event/disable`)).status).toBe(200);
  const orders = { name: 'Orders', action: 'trackEvent', trigger: 'event = "Order Completed"', enabled: false };
  expect((await admin(ferry.url, 'POST', BASE, orders)).status).toBe(201);
  expect((await track(1)).status).toBe(200);
  await settled({ delivered: 1, filtered: 1 });
  expect((await sim.requests()).filter((r: any) => r.path === '/events')).toEqual([]);

  expect((await admin(ferry.url, 'POST', `${BASE}/Orders/enable`)).body.enabled).toBe(true);
  expect((await track(2)).status).toBe(200);
  expect((await track(3, 'Other')).status).toBe(200);
  await settled({ delivered: 2, filtered: 2 });
  const events = (await sim.state()).events;
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ event_name: 'Order Completed', metadata: { n: 2 } });
  const deliveries = await ferry.store.listDeliveries({ destinationId: 'intercom' });
  expect(deliveries.items.map((d) => [d.mappingName, d.state])).toEqual([
    [null, 'filtered'], ['Orders', 'delivered'], [null, 'filtered'], ['Identify Contact', 'delivered'],
  ]);

  expect((await admin(ferry.url, 'DELETE', `${BASE}/Orders`)).status).toBe(204);
  expect((await track(4)).status).toBe(200);
  await settled({ delivered: 2, filtered: 3 });
  expect((await sim.state()).events).toHaveLength(1);
});
