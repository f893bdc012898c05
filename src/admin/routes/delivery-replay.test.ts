// Replay (one, and the rejected ones matching a filter) and the stats route, with inject on a real SQLite store.
import { describe, expect, it } from 'vitest';
import { error, useControlApp } from '../test-support/control-app.js';
import { NO_MATCH, TRACK, attemptOf, delivered, queue, rejected, settle } from '../test-support/deliveries.js';

const open = useControlApp();
const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const conflict = (message: string) => error(409, 'FERRY_ERR_CONFLICT', message);

describe('POST /api/deliveries/:jobId/replay', () => {
  it('queues a new delivery of the same event and mapping; the original keeps its history', async () => {
    const c = await open();
    await queue(c.store, 1, 'ann', T0);
    const original = await settle(c.store, 1, rejected(at(1_000)), at(1_000));
    const before = (await c.call('GET', `/api/deliveries/${original}`)).body;
    const res = await c.call('POST', `/api/deliveries/${original}/replay`);
    expect(res).toEqual({ status: 202, body: { id: expect.any(Number), replayOf: original } });
    const replay = (await c.call('GET', `/api/deliveries/${res.body.id}`)).body;
    expect(replay).toMatchObject({ mapping: 'Track Event', action: 'trackEvent', person: 'ann', messageId: 'm-1', state: 'pending', attempts: 0, attemptLog: [], replayOf: original });
    expect(Date.now() - Date.parse(replay.queuedAt)).toBeLessThan(60_000);
    expect((await c.call('GET', `/api/deliveries/${original}`)).body).toEqual({ ...before, replayedBy: res.body.id });
    expect(await c.call('POST', `/api/deliveries/${original}/replay`)).toEqual(
      conflict(`delivery ${original} is being replayed already, by delivery ${res.body.id}`));
  });

  it('answers 409 while a delivery is unfinished or when it was filtered, 404 when unknown', async () => {
    const c = await open();
    await queue(c.store, 1, 'ann', T0);
    await queue(c.store, 2, 'bob', T0, [NO_MATCH]);
    const { items } = (await c.call('GET', '/api/destinations/intercom/deliveries')).body;
    const [filtered, pending] = items.map((d: any) => d.id);
    expect(await c.call('POST', `/api/deliveries/${pending}/replay`)).toEqual(
      conflict(`delivery ${pending} is still pending: only a finished delivery can be replayed`));
    expect(await c.call('POST', `/api/deliveries/${filtered}/replay`)).toEqual(
      conflict(`delivery ${filtered} was filtered (no mapping matched its event): there is nothing to replay`));
    expect(await c.call('POST', '/api/deliveries/999/replay')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "delivery '999' does not exist"));
  });

  it('answers 409 when the mapping is gone (the replay would only be rejected)', async () => {
    const c = await open();
    await queue(c.store, 1, 'ann', T0, [{ ...TRACK, mappingName: 'Old name' }]);
    const id = await settle(c.store, 1, rejected(at(1_000)), at(1_000));
    expect(await c.call('POST', `/api/deliveries/${id}/replay`)).toEqual(
      conflict("the mapping 'Old name' of destination 'intercom' no longer exists: a replay would be rejected"));
  });
});

describe('POST /api/destinations/:id/deliveries/replay', () => {
  it('replays the rejected deliveries matching the filter, once each', async () => {
    const c = await open();
    for (const [n, person] of [[1, 'ann'], [2, 'bob'], [3, 'ann']] as const) await queue(c.store, n, person, at(n * 1_000));
    const ann1 = await settle(c.store, 1, rejected(at(5_000)), at(5_000));
    const bob2 = await settle(c.store, 2, rejected(at(5_000)), at(5_000));
    await settle(c.store, 3, delivered(at(6_000)), at(6_000));
    const url = '/api/destinations/intercom/deliveries/replay';
    const annOnly = await c.call('POST', url, { person: 'ann' });
    expect(annOnly).toEqual({ status: 202, body: { count: 1, ids: [expect.any(Number)], limit: 10_000, more: false, skipped: 0 } });
    expect((await c.call('GET', `/api/deliveries/${annOnly.body.ids[0]}`)).body.replayOf).toBe(ann1);
    const rest = await c.call('POST', url);
    expect(rest.body).toEqual({ count: 1, ids: [expect.any(Number)], limit: 10_000, more: false, skipped: 0 });
    expect((await c.call('GET', `/api/deliveries/${rest.body.ids[0]}`)).body.replayOf).toBe(bob2);
    expect((await c.call('POST', url, {})).body).toMatchObject({ count: 0, ids: [] });
  });

  it('refuses an unknown filter key rather than replaying more than asked, and checks the filters', async () => {
    const c = await open();
    const url = '/api/destinations/intercom/deliveries/replay';
    expect(await c.call('POST', url, { state: 'delivered' })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'body.state is not a filter of a replay (filters: action, mapping, person, from, to); only rejected deliveries are replayed', 'state'));
    expect(await c.call('POST', url, { from: 'soon' })).toEqual(
      error(400, 'FERRY_ERR_REQUEST_INVALID', 'body.from must match format "date-time"', 'from'));
    expect(await c.call('POST', url, { action: 'nope' })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      "body.action must be an action key (identifyContact, identifyCompany, trackEvent), not 'nope'", 'action'));
    expect(await c.call('POST', '/api/destinations/nope/deliveries/replay', {})).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
  });
});

describe('GET /api/destinations/:id/stats', () => {
  it('counts by outcome per minute over the last hour by default, every minute present', async () => {
    const c = await open();
    const now = Date.now();
    const minuteAgo = new Date(now - 60_000);
    await queue(c.store, 1, 'ann', minuteAgo);
    await queue(c.store, 2, 'bob', minuteAgo);
    await queue(c.store, 3, 'cy', minuteAgo, [NO_MATCH]);
    await queue(c.store, 4, 'dee', new Date(now));
    await settle(c.store, 1, delivered(minuteAgo), minuteAgo);
    await settle(c.store, 2, { kind: 'retry', nextAttemptAt: new Date(now + 3_600_000), giveUpAt: null, attempt: attemptOf('retrying', minuteAgo) }, minuteAgo);
    const res = await c.call('GET', '/api/destinations/intercom/stats');
    expect(res.status).toBe(200);
    const { bucket, from, series, totals } = res.body;
    expect(bucket).toBe('minute');
    expect(series.length).toBeGreaterThanOrEqual(61);
    expect(series[0].start).toBe(from);
    expect(Date.parse(from) % 60_000).toBe(0);
    const start = (ms: number) => new Date(ms - (ms % 60_000)).toISOString();
    expect(series.find((s: any) => s.start === start(now - 60_000))).toEqual({
      start: start(now - 60_000), delivered: 1, 'delivered-with-warnings': 0, retrying: 1, rejected: 0, filtered: 1, queued: 0,
    });
    expect(totals).toEqual({ delivered: 1, 'delivered-with-warnings': 0, retrying: 1, rejected: 0, filtered: 1, queued: 1 });
    const hours = await c.call('GET', '/api/destinations/intercom/stats?bucket=hour');
    expect(hours.body.series.length).toBeGreaterThanOrEqual(25);
    expect(hours.body.totals).toEqual(totals);
  });

  it('answers 400 for a span it does not serve and 404 for an unknown destination', async () => {
    const c = await open();
    const stats = (query: string) => c.call('GET', `/api/destinations/intercom/stats?${query}`);
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    expect(await stats(`from=${ago(25 * 3_600_000)}`)).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'querystring.from must be within the last 24 hours for minute buckets', 'from'));
    expect(await stats(`bucket=hour&from=${ago(32 * 86_400_000)}`)).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'querystring.from must be within the last 31 days for hour buckets', 'from'));
    expect(await stats(`from=${ago(-3_600_000)}`)).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'querystring.from must not be in the future', 'from'));
    expect(await stats('bucket=day')).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'querystring.bucket must be equal to one of the allowed values', 'bucket'));
    expect((await stats(`bucket=hour&from=${ago(3 * 86_400_000)}`)).body.series.length).toBeGreaterThanOrEqual(73);
    expect(await c.call('GET', '/api/destinations/nope/stats')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
  });
});
