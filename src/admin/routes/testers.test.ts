// The Event Tester and the Mappings Tester for real against the simulator: outcomes with the exact Intercom exchanges.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { ADMIN_TOKEN, admin, send } from '../../commands/test-support/ferry.js';
import { UNAUTHORIZED, callWithAuth, useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const handle = useFerry(() => sim.url);
const TESTER = '/api/destinations/intercom/event-tester';
const mappingTest = (name: string) => `/api/destinations/intercom/mappings/${encodeURIComponent(name)}/test`;
const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/events/${name}.json`, import.meta.url), 'utf8'));
const error = (status: number, code: string, message: string, path?: string) =>
  ({ status, body: { error: { code, message, ...(path === undefined ? {} : { path }) } } });

/** The call's raw answer, checked for anything secret: the Intercom token, an Authorization header, the admin token. */
async function post(url: string, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await response.text();
  for (const secret of ['sim_token', 'authorization', 'bearer', ADMIN_TOKEN]) expect(text.toLowerCase()).not.toContain(secret);
  return { status: response.status, body: JSON.parse(text) as any };
}

const contactRequest = (method: string, path: string, body: unknown, status = 200) => ({
  method, url: `${sim.url}${path}`, body, status, durationMs: expect.any(Number),
  response: expect.objectContaining({ type: 'contact', external_id: 'user-42', role: 'user', email: 'ada@example.com' }),
});
const ada = {
  role: 'user', external_id: 'user-42', email: 'ada@example.com', name: 'Ada Lovelace',
  phone: '+44 20 7946 0000', signed_up_at: 1709285400, last_seen_at: 1795860000,
};

describe('POST /api/destinations/:id/event-tester', () => {
  it('runs an identify through every mapping for real and answers each outcome with its Intercom exchange', async () => {
    const { url } = await handle.start();
    const res = await post(url, TESTER, { event: example('identify') });
    expect(res).toEqual({
      status: 200,
      body: {
        outcomes: [
          {
            mapping: 'Identify Contact', action: 'identifyContact', status: 'delivered', warnings: [],
            payload: { ...ada, signed_up_at: '2024-03-01T09:30:00Z', last_seen_at: '2026-11-28T10:00:00.000Z' },
            requests: [contactRequest('POST', '/contacts', ada)],
          },
          { mapping: 'Identify Company', action: 'identifyCompany', status: 'filtered', reason: 'the trigger does not match', warnings: [], requests: [] },
          { mapping: 'Track Event', action: 'trackEvent', status: 'filtered', reason: 'the trigger does not match', warnings: [], requests: [] },
        ],
      },
    });
    const [contact] = (await sim.state()).contacts;
    expect(res.body.outcomes[0].requests[0].response.id).toBe(contact.id);
    expect((await sim.requests()).map((r: any) => [r.method, r.path, r.status])).toEqual([['POST', '/contacts', 200]]);
  });

  it('runs a track after it: money metadata, a sanitized name; a disabled mapping is filtered with its reason', async () => {
    const { url } = await handle.start();
    await post(url, TESTER, { event: example('identify') });
    await admin(url, 'POST', '/api/destinations/intercom/mappings', { name: 'Off', action: 'trackEvent', enabled: false });
    const res = await post(url, TESTER, { event: example('track') });
    expect(res.status).toBe(200);
    const [, , track, off] = res.body.outcomes;
    expect(track).toEqual({
      mapping: 'Track Event', action: 'trackEvent', status: 'delivered', warnings: [], payload: expect.any(Object),
      requests: [{
        method: 'POST', url: `${sim.url}/events`, status: 202, durationMs: expect.any(Number),
        body: {
          event_name: 'Order-Completed', created_at: 1795860120, user_id: 'user-42',
          metadata: { price: { amount: 1999, currency: 'EUR' }, order_id: 'A-1001', items: 3, coupon: 'WELCOME' },
        },
      }],
    });
    expect(off).toEqual({ mapping: 'Off', action: 'trackEvent', status: 'filtered', reason: 'the mapping is disabled', warnings: [], requests: [] });
    expect((await sim.state()).events).toHaveLength(1);
  });

  it('refuses a bad event with a clear message, and answers 404 and 401', async () => {
    const { url } = await handle.start();
    expect(await post(url, TESTER, { event: { type: 'track', userId: 'u1' } })).toEqual(error(400, 'FERRY_ERR_EVENT_INVALID',
      'invalid event: a track call needs an event name, a non-empty string (got undefined)', 'event.event'));
    expect(await post(url, TESTER, { event: { type: 'identify' } })).toEqual(error(400, 'FERRY_ERR_EVENT_INVALID',
      'invalid event: userId or anonymousId is required (a non-empty string)', 'event.userId'));
    expect(await post(url, TESTER, { event: 'identify' })).toEqual(error(400, 'FERRY_ERR_EVENT_INVALID',
      'invalid event: the event must be a JSON object (got "identify")', 'event'));
    expect(await post(url, TESTER, {})).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID', "body must have required property 'event'"));
    expect(await post(url, TESTER, { evnt: {} })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'body.evnt is not a known key; did you mean "event"?', 'evnt'));
    const big = { type: 'identify', userId: 'u1', traits: { blob: 'x'.repeat(40_000) } };
    expect(await post(url, TESTER, { event: big })).toEqual(error(400, 'FERRY_ERR_EVENT_TOO_LARGE',
      'the event is 40,054 bytes; at most 32 KB per event', 'event'));
    expect(await post(url, '/api/destinations/nope/event-tester', { event: example('identify') })).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    for (const auth of [undefined, 'Bearer nope']) {
      expect(await callWithAuth(url, 'POST', TESTER, auth, { event: example('identify') })).toEqual({ status: 401, body: UNAUTHORIZED });
    }
    expect(await sim.requests()).toEqual([]);
  });
});

describe('the sample event of both testers', () => {
  /** A page call `depth` levels deep: the event object, its properties, then arrays. */
  const nestedEvent = (depth: number) => {
    let deep: unknown = 1;
    for (let i = 0; i < depth - 2; i++) deep = [deep];
    return { type: 'page', userId: 'u1', properties: { deep } };
  };
  const TOO_DEEP = error(400, 'FERRY_ERR_JSON_INVALID', 'the JSON body is nested deeper than 64 levels inside its top-level object');

  it('is read like a tracking API body: 64 levels of nesting pass both, 65 or 2,000 pass neither', async () => {
    const { url } = await handle.start();
    expect((await send(url, '/v1/page', nestedEvent(64))).status).toBe(200);
    expect((await post(url, TESTER, { event: nestedEvent(64) })).status).toBe(200);
    expect((await post(url, mappingTest('Track Event'), { event: nestedEvent(64) })).status).toBe(200);
    for (const depth of [65, 2000]) {
      expect(await send(url, '/v1/page', nestedEvent(depth))).toEqual({
        status: 400, body: { success: false, error: { code: 'FERRY_ERR_JSON_INVALID', message: 'the JSON is nested deeper than 64 levels' } },
      });
      expect(await post(url, TESTER, { event: nestedEvent(depth) })).toEqual(TOO_DEEP);
      expect(await post(url, mappingTest('Track Event'), { event: nestedEvent(depth) })).toEqual(TOO_DEEP);
    }
  });

  it('gets the messages of the tracking API, its ids turned into strings and its messageId limit', async () => {
    const { url } = await handle.start();
    const long = { type: 'page', userId: 'u1', messageId: 'm'.repeat(101) };
    expect(await post(url, TESTER, { event: long })).toEqual(error(400, 'FERRY_ERR_EVENT_INVALID',
      'invalid event: messageId must be at most 100 characters (got 101)', 'event.messageId'));
    const numeric = await post(url, mappingTest('Identify Contact'), { event: { type: 'identify', userId: 42, traits: { email: 'n@example.com' } } });
    expect(numeric.body.outcome.payload).toMatchObject({ external_id: '42', email: 'n@example.com' });
  });
});

describe('POST /api/destinations/:id/mappings/:name/test', () => {
  it('runs one mapping for real, then updates the contact it knows with one PUT (the identity cache)', async () => {
    const { url } = await handle.start();
    const first = await post(url, mappingTest('Identify Contact'), { event: example('identify') });
    expect(first).toEqual({
      status: 200,
      body: {
        matched: true,
        outcome: {
          mapping: 'Identify Contact', action: 'identifyContact', status: 'delivered', warnings: [],
          payload: expect.any(Object), requests: [contactRequest('POST', '/contacts', ada)],
        },
      },
    });
    const id = first.body.outcome.requests[0].response.id;
    const renamed = { ...example('identify'), traits: { email: 'ada@example.com', name: 'Ada King' } };
    const second = await post(url, mappingTest('Identify Contact'), { event: renamed });
    expect(second.body.outcome.requests).toEqual([contactRequest('PUT', `/contacts/${id}`, {
      role: 'user', external_id: 'user-42', email: 'ada@example.com', name: 'Ada King', last_seen_at: 1795860000,
    })]);
    expect((await sim.state()).contacts.map((c: any) => [c.id, c.name])).toEqual([[id, 'Ada King']]);
  });

  it("runs even when the trigger does not match, says so, and reports Intercom's answer (404 user: retrying)", async () => {
    const { url } = await handle.start();
    const orders = { name: 'Orders', action: 'trackEvent', trigger: 'event = "Order Completed"', enabled: false };
    await admin(url, 'POST', '/api/destinations/intercom/mappings', orders);
    const event = { type: 'track', userId: 'stranger', event: 'Signed Up', timestamp: '2026-11-28T10:00:00Z' };
    const res = await post(url, mappingTest('Orders'), { event });
    expect(res).toEqual({
      status: 200,
      body: {
        matched: false,
        outcome: {
          mapping: 'Orders', action: 'trackEvent', status: 'retrying', warnings: [],
          payload: { event_name: 'Signed Up', created_at: '2026-11-28T10:00:00.000Z', user_id: 'stranger' },
          // What the pipeline would do: retry for 5 minutes (the identify may be on its way), then reject (R15).
          error: { message: 'Intercom answered 404 User Not Found' },
          retry: { windowMs: 300_000, finalReason: 'no contact in Intercom for this user — send an identify first' },
          requests: [{
            method: 'POST', url: `${sim.url}/events`, status: 404, durationMs: expect.any(Number),
            body: { event_name: 'Signed Up', created_at: 1795860000, user_id: 'stranger' },
            response: { type: 'error.list', request_id: expect.any(String), errors: [{ code: 'not_found', message: 'User Not Found' }] },
          }],
        },
      },
    });
    // The tester does not queue anything: no delivery was recorded.
    expect(await handle.ferry!.store.jobStateCounts()).toEqual({});
  });

  it('answers 404 for an unknown mapping or destination, 400 for a bad event, 401 without the token', async () => {
    const { url } = await handle.start();
    expect(await post(url, mappingTest('Nope'), { event: example('identify') })).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' has no mapping 'Nope'"));
    expect(await post(url, '/api/destinations/nope/mappings/Track%20Event/test', { event: example('identify') })).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    expect(await post(url, mappingTest('Track Event'), { event: { type: 'click', userId: 'u1' } })).toEqual(error(400,
      'FERRY_ERR_EVENT_INVALID', 'invalid event: type must be one of identify, track, page, screen, group, alias (got "click")', 'event.type'));
    for (const auth of [undefined, 'Bearer nope']) {
      expect(await callWithAuth(url, 'POST', mappingTest('Track Event'), auth, { event: example('track') })).toEqual({ status: 401, body: UNAUTHORIZED });
    }
    expect(await sim.requests()).toEqual([]);
  });
});

describe('POST /api/destinations/:id/mappings/test (an unsaved mapping)', () => {
  const DRAFT = '/api/destinations/intercom/mappings/test';

  it('runs the draft for real without storing it, and says whether its trigger matches', async () => {
    const { url } = await handle.start();
    await post(url, mappingTest('Identify Contact'), { event: example('identify') });
    const draft = {
      name: 'Plans', action: 'trackEvent', trigger: 'type = "track" and event = "Plan Chosen"',
      mapping: { event_name: { '@template': 'plan-{{properties.plan}}' }, metadata: { plan: { '@path': '$.properties.plan' } } },
    };
    const event = { type: 'track', userId: 'user-42', event: 'Other', properties: { plan: 'pro' }, timestamp: '2026-11-28T10:00:00Z' };
    const res = await post(url, DRAFT, { ...draft, event });
    expect(res).toEqual({
      status: 200,
      body: {
        matched: false,
        outcome: {
          mapping: 'Plans', action: 'trackEvent', status: 'delivered', warnings: [],
          payload: { event_name: 'plan-pro', created_at: '2026-11-28T10:00:00.000Z', user_id: 'user-42', metadata: { plan: 'pro' } },
          requests: [{
            method: 'POST', url: `${sim.url}/events`, status: 202, durationMs: expect.any(Number),
            body: { event_name: 'plan-pro', created_at: 1795860000, user_id: 'user-42', metadata: { plan: 'pro' } },
          }],
        },
      },
    });
    expect((await sim.state()).events).toMatchObject([{ event_name: 'plan-pro', metadata: { plan: 'pro' } }]);
    // Unnamed, the outcome says it is unsaved; nothing was stored and no delivery queued.
    const unnamed = await post(url, DRAFT, { action: 'trackEvent', event: { ...event, event: 'Plan Chosen' } });
    expect(unnamed.body).toMatchObject({ matched: true, outcome: { mapping: 'Unsaved mapping', status: 'delivered' } });
    expect((await admin(url, 'GET', '/api/destinations/intercom/mappings')).body.presets).toBe(true);
    expect(await handle.ferry!.store.jobStateCounts()).toEqual({});
  });

  it('refuses a draft a save would refuse, with the same path; a mapping named "test" keeps its routes', async () => {
    const { url } = await handle.start();
    const event = example('track');
    expect(await post(url, DRAFT, { action: 'trackEvent', trigger: 'type = ', event })).toMatchObject(
      error(400, 'FERRY_ERR_TRIGGER_INVALID', expect.stringContaining("Mapping 'Unsaved mapping': invalid trigger"), 'trigger'));
    expect(await post(url, DRAFT, { action: 'trackEvent', mapping: { email: { '@path': 5 } }, event })).toEqual(error(400,
      'FERRY_ERR_MAPPING_DIRECTIVE', 'Invalid mapping at "mapping.email.@path": @path needs a path string (such as "$.traits.email") or a directive, but got a number.',
      'mapping.email.@path'));
    expect(await post(url, DRAFT, { action: 'trackEvent', enabled: true, event })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'body.enabled is not a known key; expected one of: name, action, trigger, mapping, event', 'enabled'));
    expect(await post(url, DRAFT, { action: 'trackEvent', event: { type: 'click' } })).toEqual(error(400,
      'FERRY_ERR_EVENT_INVALID', 'invalid event: type must be one of identify, track, page, screen, group, alias (got "click")', 'event.type'));
    expect(await post(url, '/api/destinations/nope/mappings/test', { action: 'trackEvent', event })).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    expect(await callWithAuth(url, 'POST', DRAFT, undefined, { action: 'trackEvent', event })).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(await sim.requests()).toEqual([]);

    expect((await admin(url, 'POST', '/api/destinations/intercom/mappings', { name: 'test', action: 'trackEvent', enabled: false })).status).toBe(201);
    expect((await admin(url, 'GET', '/api/destinations/intercom/mappings/test')).body).toEqual({ name: 'test', action: 'trackEvent', enabled: false });
    expect((await admin(url, 'POST', '/api/destinations/intercom/mappings/test/enable')).body.enabled).toBe(true);
    expect((await post(url, mappingTest('test'), { event: example('identify') })).body).toMatchObject({ matched: false, outcome: { mapping: 'test' } });
  });
});
