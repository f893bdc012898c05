// The delivery log routes with fastify inject on a real SQLite store: list, filters, pages, detail, exact errors.
import { describe, expect, it } from 'vitest';
import { UNAUTHORIZED, error, useControlApp } from '../test-support/control-app.js';
import { IDENTIFY, NO_MATCH, attemptOf, exchange, queue, rejected, settle } from '../test-support/deliveries.js';

const open = useControlApp();
const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LIST = '/api/destinations/intercom/deliveries';
const invalid = (message: string, path: string) => error(400, 'FERRY_ERR_REQUEST_INVALID', message, path);

/** ann's track rejected (with an exchange), bob's identify and track waiting, cy's event filtered. */
async function seeded() {
  const c = await open();
  await queue(c.store, 1, 'ann', T0);
  await queue(c.store, 2, 'bob', at(1_000), [IDENTIFY, { ...IDENTIFY, mappingName: 'Track Event', action: 'trackEvent' }]);
  await queue(c.store, 3, 'cy', at(2_000), [NO_MATCH]);
  const sneaky = { ...exchange(404, { type: 'error.list', errors: [{ code: 'not_found', message: 'User Not Found' }] }), headers: { authorization: 'Bearer sim_token' } };
  const annJob = await settle(c.store, 1, rejected(at(5_000), { requests: [sneaky] }), at(5_000));
  return { c, annJob };
}

describe('GET /api/destinations/:id/deliveries', () => {
  it('lists newest first, each delivery as the log shows it', async () => {
    const { c, annJob } = await seeded();
    const res = await c.call('GET', LIST);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: any) => [d.person, d.mapping, d.action, d.state])).toEqual([
      ['cy', null, null, 'filtered'],
      ['bob', 'Track Event', 'trackEvent', 'pending'],
      ['bob', 'Identify Contact', 'identifyContact', 'pending'],
      ['ann', 'Track Event', 'trackEvent', 'rejected'],
    ]);
    expect(res.body.items[3]).toEqual({
      id: annJob, destinationId: 'intercom', mapping: 'Track Event', action: 'trackEvent', person: 'ann',
      eventType: 'track', messageId: 'm-1', state: 'rejected', attempts: 1, queuedAt: '2026-03-01T10:00:00.000Z',
      finishedAt: '2026-03-01T10:00:05.000Z', nextAttemptAt: null,
      lastError: { message: 'no contact in Intercom for this user' }, warnings: [], replayedBy: null,
    });
    expect(res.body.items[1].nextAttemptAt).toBe('2026-03-01T10:00:01.000Z');
    expect(res.body.nextCursor).toBeUndefined();
  });

  it('filters by state, action (or its alias), mapping, person and time, and pages with the cursor', async () => {
    const { c } = await seeded();
    const people = async (query: string) => (await c.call('GET', `${LIST}?${query}`)).body.items.map((d: any) => `${d.person}:${d.state}`);
    expect(await people('state=rejected&state=filtered')).toEqual(['cy:filtered', 'ann:rejected']);
    expect(await people('state=pending')).toEqual(['bob:pending', 'bob:pending']);
    expect(await people('action=trackEvent')).toEqual(['bob:pending', 'ann:rejected']);
    expect(await people('action=groupIdentifyContact')).toEqual([]);
    expect(await people('mapping=Identify%20Contact')).toEqual(['bob:pending']);
    expect(await people('person=ann')).toEqual(['ann:rejected']);
    expect(await people('from=2026-03-01T10:00:01Z&to=2026-03-01T10:00:02Z')).toEqual(['bob:pending', 'bob:pending']);
    const first = await c.call('GET', `${LIST}?limit=3`);
    expect(first.body.items).toHaveLength(3);
    const second = await c.call('GET', `${LIST}?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ person: 'ann' })] });
  });

  it('answers 400 for bad filters, naming the field, and 404 for an unknown destination', async () => {
    const { c } = await seeded();
    const get = (query: string) => c.call('GET', `${LIST}?${query}`);
    expect(await get('state=lost')).toEqual(invalid('querystring.state.0 must be equal to one of the allowed values', 'state.0'));
    expect(await get('limit=501')).toEqual(invalid('querystring.limit must be <= 500', 'limit'));
    expect(await get('limit=0')).toEqual(invalid('querystring.limit must be >= 1', 'limit'));
    expect(await get('from=yesterday')).toEqual(invalid('querystring.from must match format "date-time"', 'from'));
    expect(await get('from=2026-03-01T10:00:02Z&to=2026-03-01T10:00:01Z')).toEqual(invalid('querystring.to must be later than from', 'to'));
    expect(await get('cursor=abc')).toEqual(invalid("querystring.cursor must be a previous page's nextCursor", 'cursor'));
    expect(await get('action=sendEmail')).toEqual(invalid(
      "querystring.action must be an action key (identifyContact, identifyCompany, trackEvent), not 'sendEmail'", 'action'));
    expect(await c.call('GET', '/api/destinations/nope/deliveries')).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
  });
});

describe('GET /api/deliveries/:jobId', () => {
  it('answers the event and every attempt with its Intercom requests and responses, never a header', async () => {
    const c = await open();
    await queue(c.store, 1, 'ann', T0);
    const failed = attemptOf('retrying', at(1_000), { error: { message: 'Intercom answered 503' }, requests: [exchange(503, 'unavailable')] });
    const id = await settle(c.store, 1, { kind: 'retry', nextAttemptAt: at(2_000), giveUpAt: null, attempt: failed }, at(1_000));
    expect((await c.call('GET', `/api/deliveries/${id}`)).body).toMatchObject({ state: 'retrying', attempts: 1, nextAttemptAt: at(2_000).toISOString() });
    await settle(c.store, 1, { kind: 'finished', status: 'delivered-with-warnings', attempt: attemptOf('delivered-with-warnings', at(2_000), { warnings: ["left out 'x'"], requests: [exchange(202, null)] }) }, at(2_000));
    const res = await c.call('GET', `/api/deliveries/${id}`);
    expect(res).toEqual({
      status: 200,
      body: {
        id, destinationId: 'intercom', mapping: 'Track Event', action: 'trackEvent', person: 'ann', eventType: 'track',
        messageId: 'm-1', state: 'delivered-with-warnings', attempts: 2, queuedAt: T0.toISOString(),
        finishedAt: at(2_000).toISOString(), nextAttemptAt: null, lastError: null, warnings: ["left out 'x'"], replayedBy: null,
        event: { type: 'track', event: 'Signed Up', userId: 'ann', messageId: 'm-1', n: 1 },
        attemptLog: [
          { number: 1, startedAt: at(1_000).toISOString(), durationMs: 9, status: 'retrying', warnings: [], error: { message: 'Intercom answered 503' }, requests: [exchange(503, 'unavailable')] },
          { number: 2, startedAt: at(2_000).toISOString(), durationMs: 9, status: 'delivered-with-warnings', warnings: ["left out 'x'"], requests: [exchange(202, null)] },
        ],
        replayOf: null,
      },
    });
  });

  it('keeps anything but the exchange fields out (a stored header never leaves)', async () => {
    const { c, annJob } = await seeded();
    await c.call('GET', `/api/deliveries/${annJob}`);
    const raw = c.bodies.at(-1)!;
    expect(raw).toContain('User Not Found');
    expect(raw.toLowerCase()).not.toContain('authorization');
    expect(raw).not.toContain('sim_token');
  });

  it('answers 404 for an unknown delivery and 400 for a bad id', async () => {
    const c = await open();
    expect(await c.call('GET', '/api/deliveries/77')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "delivery '77' does not exist"));
    expect(await c.call('GET', '/api/deliveries/abc')).toEqual(invalid('params.jobId must be integer', 'jobId'));
  });
});

describe('authentication', () => {
  it('answers 401 on every delivery route without the admin token or with a wrong one', async () => {
    const c = await open();
    const routes = [
      ['GET', LIST], ['GET', '/api/deliveries/1'], ['POST', '/api/deliveries/1/replay'],
      ['POST', `${LIST}/replay`], ['GET', '/api/destinations/intercom/stats'],
    ] as const;
    for (const [method, url] of routes) {
      expect(await c.call(method, url, undefined, null)).toEqual(UNAUTHORIZED);
      expect(await c.call(method, url, undefined, 'Bearer wrong')).toEqual(UNAUTHORIZED);
    }
  });
});
