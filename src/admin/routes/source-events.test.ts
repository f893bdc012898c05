// GET /api/sources/:id/events through the admin app on a real SQLite store: events as ingested, deliveries, pages, errors.
import { describe, expect, it } from 'vitest';
import { delivered } from '../test-support/deliveries.js';
import { error, UNAUTHORIZED, useControlApp, WRITE_KEY, type ControlApp } from '../test-support/control-app.js';

const open = useControlApp();
const invalid = (message: string, path: string) => error(400, 'FERRY_ERR_REQUEST_INVALID', message, path);

/** Sends `body` to the tracking API of the same app as source `web`. */
async function send(c: ControlApp, type: string, body: Record<string, unknown>) {
  const answer = await c.app.inject({
    method: 'POST', url: `/v1/${type}`, payload: body,
    headers: { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
  });
  expect(answer.statusCode).toBe(200);
}

describe('GET /api/sources/:id/events', () => {
  it('answers the events as ferry stored them, newest first, each with its deliveries and their states', async () => {
    const c = await open();
    expect(await c.call('GET', '/api/sources/web/events')).toEqual({ status: 200, body: { events: [] } });
    await send(c, 'identify', { userId: 'ann', messageId: 'm-1', traits: { email: 'ann@example.com' } });
    await send(c, 'track', { anonymousId: 'anon-7', messageId: 'm-2', event: 'Order Completed', properties: { revenue: 5 } });
    // The identify's delivery succeeds (no workers run here: the store is told, as a worker would tell it).
    const [job] = await c.store.leaseJobs('intercom', 1, 60_000, new Date());
    await c.store.finishJob(job!.id, delivered(new Date()), new Date());

    const res = await c.call('GET', '/api/sources/web/events');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeUndefined();
    const [track, identify] = res.body.events;
    expect(identify).toEqual({
      id: expect.any(Number),
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      type: 'identify',
      userId: 'ann',
      messageId: 'm-1',
      payload: expect.objectContaining({ type: 'identify', userId: 'ann', messageId: 'm-1', traits: { email: 'ann@example.com' } }),
      deliveries: [{ id: job!.id, destinationId: 'intercom', mapping: 'Identify Contact', action: 'identifyContact', state: 'delivered' }],
    });
    expect(track).toEqual({
      id: identify.id + 1,
      receivedAt: expect.any(String),
      type: 'track',
      event: 'Order Completed',
      anonymousId: 'anon-7',
      messageId: 'm-2',
      payload: expect.objectContaining({ type: 'track', event: 'Order Completed', anonymousId: 'anon-7', properties: { revenue: 5 } }),
      deliveries: [{ id: expect.any(Number), destinationId: 'intercom', mapping: 'Track Event', action: 'trackEvent', state: 'pending' }],
    });
    // The payload is the stored event itself: what GET /api/deliveries/{id} shows as the delivery's event.
    expect((await c.call('GET', `/api/deliveries/${job!.id}`)).body.event).toEqual(identify.payload);
  });

  it('pages with limit and the nextCursor as before', async () => {
    const c = await open();
    for (const n of [1, 2, 3]) await send(c, 'identify', { userId: `p${n}`, messageId: `m-${n}` });
    const first = await c.call('GET', '/api/sources/web/events?limit=2');
    expect(first.body.events.map((e: any) => e.userId)).toEqual(['p3', 'p2']);
    expect(first.body.nextCursor).toBe(String(first.body.events[1].id));
    const second = await c.call('GET', `/api/sources/web/events?limit=2&before=${first.body.nextCursor}`);
    expect(second.body).toEqual({ events: [expect.objectContaining({ userId: 'p1' })] });
  });

  it('answers 400 naming the field for a bad limit or cursor, 404 for an unknown source, 401 without the token', async () => {
    const c = await open();
    const get = (query: string) => c.call('GET', `/api/sources/web/events?${query}`);
    expect(await get('limit=0')).toEqual(invalid('querystring.limit must be >= 1', 'limit'));
    expect(await get('limit=201')).toEqual(invalid('querystring.limit must be <= 200', 'limit'));
    expect(await get('limit=ten')).toEqual(invalid('querystring.limit must be integer', 'limit'));
    expect(await get('before=abc')).toEqual(invalid("querystring.before must be a previous page's nextCursor", 'before'));
    expect(await get('before=0')).toEqual(invalid("querystring.before must be a previous page's nextCursor", 'before'));
    expect(await c.call('GET', '/api/sources/nope/events')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "source 'nope' does not exist"));
    expect(await c.call('GET', '/api/sources/web/events', undefined, null)).toEqual(UNAUTHORIZED);
  });
});
