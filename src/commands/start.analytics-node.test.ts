// A real Segment client (@segment/analytics-node) pointed at a running ferry: everything it sends reaches Intercom.
import { Analytics } from '@segment/analytics-node';
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { startTestFerry, unfinishedJobs, waitFor, WRITE_KEY } from './test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => ferry?.stop());

const settled = async () => (await unfinishedJobs(ferry!.store)) === 0;

it('delivers identify, group and track for several users exactly once', async () => {
  ferry = await startTestFerry(sim.url);
  const analytics = new Analytics({ writeKey: WRITE_KEY, host: ferry.url, flushAt: 5, flushInterval: 50 });
  const users = ['ada', 'grace', 'linus'];
  for (const user of users) {
    analytics.identify({ userId: user, traits: { email: `${user}@example.com`, name: user.toUpperCase() } });
  }
  analytics.group({ userId: 'ada', groupId: 'acme', traits: { name: 'Acme', plan: 'pro' } });
  analytics.group({ userId: 'grace', groupId: 'acme', traits: { name: 'Acme' } });
  analytics.group({ userId: 'linus', groupId: 'kernel', traits: { name: 'Kernel Org', employees: 12 } });
  for (const user of users) {
    analytics.track({ userId: user, event: 'Order Completed', properties: { revenue: 12.5, sku: `${user}-1` } });
  }
  await analytics.closeAndFlush({ timeout: 10_000 });
  await waitFor(settled, 20_000, 'all deliveries');

  const state = await sim.state();
  const contacts = state.contacts.map((c: any) => [c.external_id, c.email, c.name, c.role]).sort();
  expect(contacts).toEqual([
    ['ada', 'ada@example.com', 'ADA', 'user'],
    ['grace', 'grace@example.com', 'GRACE', 'user'],
    ['linus', 'linus@example.com', 'LINUS', 'user'],
  ]);
  const companies = state.companies.map((c: any) => [c.company_id, c.name, c.user_count]).sort();
  expect(companies).toEqual([['acme', 'Acme', 2], ['kernel', 'Kernel Org', 1]]);
  const idOf = (externalId: string) => state.contacts.find((c: any) => c.external_id === externalId).id;
  const companyIdOf = (companyId: string) => state.companies.find((c: any) => c.company_id === companyId).id;
  expect(state.contacts.find((c: any) => c.external_id === 'linus').companies.data.map((c: any) => c.id)).toEqual([
    companyIdOf('kernel'),
  ]);
  const events = state.events.map((e: any) => [e.contact_id, e.event_name, e.metadata]).sort();
  expect(events).toEqual(
    users.map((u) => [idOf(u), 'Order Completed', { price: { amount: 1250, currency: 'USD' }, sku: `${u}-1` }]).sort(),
  );
  expect(await ferry.store.jobStateCounts()).toMatchObject({ delivered: 9 });
  expect((await sim.requests()).filter((r: any) => r.status >= 400)).toEqual([]);
});
