// Track Event against the simulator: R11-R15, R6 and R16, asserting every request made and the events Intercom stored.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../errors.js';
import type { ActionFailure } from '../failure.js';
import { identifyContact } from '../identify-contact/index.js';
import { DESTINATION_ID, isFailure, useIntercom } from '../test-support/harness.js';
import { trackEvent, USER_NOT_FOUND_REASON } from './index.js';

const h = useIntercom();
const events = async () => (await h.sim.state()).events as any[];
const ok = { status: 'ok', warnings: [] };
const AT = 1_700_000_000;

/** A user that exists in Intercom (created there directly, so ferry's cache knows nothing of it). */
async function user(body: Record<string, unknown>): Promise<string> {
  const id = await h.createContact({ role: 'user', ...body });
  await h.clearRequests();
  return id;
}

describe('R11: event names', () => {
  it('sends "Order.Completed$" as "Order-Completed-"', async () => {
    const id = await user({ external_id: 'u-1' });
    expect(await h.run(trackEvent, { event_name: 'Order.Completed$', created_at: AT, user_id: 'u-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Order-Completed-', created_at: AT, user_id: 'u-1' }, status: 202 },
    ]);
    expect(await events()).toEqual([{ contact_id: id, event_name: 'Order-Completed-', created_at: AT, metadata: {} }]);
  });
});

describe('R12: who did it', () => {
  it('uses id when given, over user_id and email', async () => {
    const id = await user({ external_id: 'u-1' });
    await user({ external_id: 'u-2', email: 'bob@example.com' });
    const payload = { event_name: 'Viewed', created_at: AT, id, user_id: 'u-2', email: 'bob@example.com' };
    expect(await h.run(trackEvent, payload, { userId: 'u-2' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, id }, status: 202 }]);
    expect((await events()).map((e) => e.contact_id)).toEqual([id]);
  });

  it('uses user_id over the id ferry knows for the anonymousId, and over email', async () => {
    await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' });
    const id = await user({ external_id: 'u-1' });
    await user({ email: 'bob@example.com' });
    const payload = { event_name: 'Viewed', created_at: AT, user_id: 'u-1', email: 'bob@example.com' };
    expect(await h.run(trackEvent, payload, { userId: 'u-1', anonymousId: 'anon-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, user_id: 'u-1' }, status: 202 },
    ]);
    expect((await events()).map((e) => e.contact_id)).toEqual([id]);
  });

  it("sends an anonymous lead's event with the `id` ferry learned when it identified the lead, over email", async () => {
    expect(await h.run(identifyContact, { role: 'lead', email: 'v@example.com' }, { anonymousId: 'anon-1' })).toEqual(ok);
    const [lead] = (await h.sim.state()).contacts;
    await user({ email: 'v@example.com' });
    const payload = { event_name: 'Viewed Pricing', created_at: AT, email: 'v@example.com' };
    expect(await h.run(trackEvent, payload, { anonymousId: 'anon-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed Pricing', created_at: AT, id: lead.id }, status: 202 },
    ]);
    expect(await events()).toEqual([{ contact_id: lead.id, event_name: 'Viewed Pricing', created_at: AT, metadata: {} }]);
  });

  it('uses email when nothing else names the person', async () => {
    const id = await user({ email: 'ann@example.com' });
    const payload = { event_name: 'Viewed', created_at: AT, email: 'ann@example.com' };
    expect(await h.run(trackEvent, payload, { anonymousId: 'anon-unknown' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, email: 'ann@example.com' }, status: 202 },
    ]);
    expect((await events()).map((e) => e.contact_id)).toEqual([id]);
  });

  it('fails with a FerryError and makes no request when nobody is named', async () => {
    const run = await h.run(trackEvent, { event_name: 'Viewed', created_at: AT }, { anonymousId: 'anon-unknown' });
    expect(run.status).toBe('failed');
    expect(run.error).toBeInstanceOf(FerryError);
    expect((run.error as FerryError).code).toBe('FERRY_ERR_PAYLOAD_INVALID');
    expect((run.error as FerryError).message).toMatch(/^trackEvent: who did it is unknown/);
    expect(await h.requests()).toEqual([]);
    expect(await events()).toEqual([]);
  });
});

describe('R13: revenue', () => {
  it('sends 19.99 as price {amount: 1999, currency: USD} and keeps revenue, currency and email out of metadata', async () => {
    const id = await user({ external_id: 'u-1' });
    const payload = {
      event_name: 'Order Completed', created_at: AT, user_id: 'u-1', revenue: 19.99,
      metadata: { revenue: 19.99, email: 'ann@example.com', order_id: 'o-1' },
    };
    expect(await h.run(trackEvent, payload)).toEqual(ok);
    const metadata = { price: { amount: 1999, currency: 'USD' }, order_id: 'o-1' };
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Order Completed', created_at: AT, user_id: 'u-1', metadata }, status: 202 },
    ]);
    expect(await events()).toEqual([{ contact_id: id, event_name: 'Order Completed', created_at: AT, metadata }]);
  });

  it('uses the currency given', async () => {
    await user({ external_id: 'u-1' });
    const payload = {
      event_name: 'Order Completed', created_at: AT, user_id: 'u-1', revenue: '5.5', currency: 'EUR',
      metadata: { currency: 'EUR', revenue: '5.5' },
    };
    expect(await h.run(trackEvent, payload)).toEqual(ok);
    const [request] = await h.requests();
    expect(request!.body).toEqual({
      event_name: 'Order Completed', created_at: AT, user_id: 'u-1', metadata: { price: { amount: 550, currency: 'EUR' } },
    });
    expect((await events())[0].metadata).toEqual({ price: { amount: 550, currency: 'EUR' } });
  });
});

describe('R14: metadata', () => {
  it('keeps 10 of 12 properties (price first, then in order) and warns naming the 2 left out', async () => {
    await user({ external_id: 'u-1' });
    const properties = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i + 1}`, `v${i + 1}`]));
    const run = await h.run(trackEvent, { event_name: 'Big', created_at: AT, user_id: 'u-1', revenue: 1, metadata: properties });
    expect(run).toEqual({ status: 'ok', warnings: ['metadata left out (Intercom keeps at most 10 keys): p10, p11'] });
    const metadata = { price: { amount: 100, currency: 'USD' }, ...Object.fromEntries(Object.entries(properties).slice(0, 9)) };
    const [request] = await h.requests();
    expect(request).toEqual({ call: 'POST /events', body: { event_name: 'Big', created_at: AT, user_id: 'u-1', metadata }, status: 202 });
    expect(Object.keys((await events())[0].metadata)).toEqual(['price', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
  });

  it('keeps 10 of 12 plain properties and names the last two', async () => {
    await user({ external_id: 'u-1' });
    const properties = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i + 1}`, i]));
    const run = await h.run(trackEvent, { event_name: 'Big', created_at: AT, user_id: 'u-1', metadata: properties });
    expect(run.warnings).toEqual(['metadata left out (Intercom keeps at most 10 keys): p11, p12']);
    expect((await h.requests())[0]!.body).toMatchObject({ metadata: Object.fromEntries(Object.entries(properties).slice(0, 10)) });
    expect(Object.keys((await events())[0].metadata)).toHaveLength(10);
  });

  it('drops nested objects and arrays with a warning, keeping money and rich links', async () => {
    await user({ external_id: 'u-1' });
    const kept = {
      sku: 'x',
      article: { url: 'https://example.com/a', value: 'The article' },
      total: { amount: 1999, currency: 'EUR' },
    };
    const run = await h.run(trackEvent, {
      event_name: 'Bought', created_at: AT, user_id: 'u-1', metadata: { ...kept, items: [{ sku: 'x' }], address: { city: 'Oslo' } },
    });
    expect(run).toEqual({
      status: 'ok',
      warnings: ['metadata left out (Intercom takes no nested objects or lists other than money and links): items, address'],
    });
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Bought', created_at: AT, user_id: 'u-1', metadata: kept }, status: 202 },
    ]);
    expect((await events())[0].metadata).toEqual(kept);
  });
});

describe('R15: no contact in Intercom', () => {
  it('fails as a retry with a short window and the final reason', async () => {
    const run = await h.run(trackEvent, { event_name: 'Viewed', created_at: AT, user_id: 'ghost' }, { userId: 'ghost' });
    expect(run.status).toBe('failed');
    expect(isFailure(run.error, 'retry')).toBe(true);
    const failure = run.error as ActionFailure;
    expect(failure.options.retryWindowMs).toBeGreaterThan(0);
    expect(failure.options.finalReason).toBe('no contact in Intercom for this user — send an identify first');
    expect(failure.options.finalReason).toBe(USER_NOT_FOUND_REASON);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, user_id: 'ghost' }, status: 404 },
    ]);
    expect(await events()).toEqual([]);
  });

  it('treats a lead reached only by email as not found (Intercom finds leads by id only)', async () => {
    await h.createContact({ role: 'lead', email: 'v@example.com' });
    await h.clearRequests();
    const run = await h.run(trackEvent, { event_name: 'Viewed', created_at: AT, email: 'v@example.com' });
    expect(isFailure(run.error, 'retry')).toBe(true);
    expect((await h.requests()).map(({ call, status }) => [call, status])).toEqual([['POST /events', 404]]);
  });
});

describe('R6: event timestamps', () => {
  it.each([
    ['milliseconds', 1_700_000_000_999],
    ['ISO-8601 text', '2023-11-14T22:13:20.999Z'],
    ['a numeric string', '1700000000'],
  ])('sends created_at given in %s as unix seconds, and the event lands', async (_, createdAt) => {
    const id = await user({ external_id: 'u-1' });
    expect(await h.run(trackEvent, { event_name: 'Viewed', created_at: createdAt, user_id: 'u-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, user_id: 'u-1' }, status: 202 },
    ]);
    expect(await events()).toEqual([{ contact_id: id, event_name: 'Viewed', created_at: AT, metadata: {} }]);
  });

  it('fails an unparseable created_at with a FerryError naming the field, before any request', async () => {
    const run = await h.run(trackEvent, { event_name: 'Viewed', created_at: 'whenever', user_id: 'u-1' });
    expect(run.error).toBeInstanceOf(FerryError);
    expect((run.error as FerryError).details.field).toBe('created_at');
    expect(await h.requests()).toEqual([]);
  });
});

describe('R16: a stale cached id', () => {
  it('evicts the id on the 404 and names the person another way', async () => {
    await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' });
    const [lead] = (await h.sim.state()).contacts;
    await h.sim.api('DELETE', `/contacts/${lead.id}`);
    const id = await user({ email: 'ann@example.com' });

    const run = await h.run(trackEvent, { event_name: 'Viewed', created_at: AT, email: 'ann@example.com' }, { anonymousId: 'anon-1' });
    expect(run).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, id: lead.id }, status: 404 },
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, email: 'ann@example.com' }, status: 202 },
    ]);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-1' })).toBeUndefined();
    expect((await events()).map((e) => e.contact_id)).toEqual([id]);
  });

  it('fails as R15 (retry), not as a validation error, when the stale id was the only way to name the person', async () => {
    await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' });
    const [lead] = (await h.sim.state()).contacts;
    await h.sim.api('DELETE', `/contacts/${lead.id}`);
    await h.clearRequests();

    const run = await h.run(trackEvent, { event_name: 'Viewed', created_at: AT }, { anonymousId: 'anon-1' });
    expect(isFailure(run.error, 'retry')).toBe(true);
    expect((run.error as ActionFailure).options.finalReason).toBe(USER_NOT_FOUND_REASON);
    expect(await h.requests()).toEqual([
      { call: 'POST /events', body: { event_name: 'Viewed', created_at: AT, id: lead.id }, status: 404 },
    ]);
  });
});
