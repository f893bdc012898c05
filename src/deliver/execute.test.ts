// executeRoute against the simulator: R18's outcomes as a delivery records them — warnings, rejections, a pause.
import { describe, expect, it } from 'vitest';
import { useIntercom, DESTINATION_ID } from '../destinations/intercom/test-support/harness.js';
import { defaultRegistry } from '../destinations/registry.js';
import { compileRoutes } from '../subscriptions/compile.js';
import { FerryError } from '../errors.js';
import { executeRoute } from './execute.js';

const intercom = useIntercom();
const [identify, , track] = compileRoutes(undefined, 'mappings', defaultRegistry.get('intercom'));
const run = (route: typeof track, event: object) =>
  executeRoute(route!, event, { client: intercom.client, cache: intercom.cache, destinationId: DESTINATION_ID, settings: {} });
const at = '2030-01-01T00:00:00.000Z';

describe('executeRoute', () => {
  it('R18: an action that warned is delivered-with-warnings, with the warning and every exchange recorded', async () => {
    expect((await run(identify, { type: 'identify', userId: 'u1', timestamp: at, traits: { email: 'u1@example.com' } })).status).toBe('delivered');
    const properties = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]));
    const outcome = await run(track, { type: 'track', userId: 'u1', event: 'Big', timestamp: at, properties });
    expect(outcome.status).toBe('delivered-with-warnings');
    expect(outcome.warnings).toHaveLength(1);
    expect(outcome.warnings[0]).toMatch(/k10, k11/);
    expect(outcome.requests.map((r) => [r.method, r.url.replace(intercom.sim.url, ''), r.status])).toEqual([['POST', '/events', 202]]);
  });

  it('rejects a payload that does not fit the action, naming the field, and sends nothing', async () => {
    const outcome = await run(track, { type: 'track', userId: 'u1', timestamp: at });
    expect(outcome).toMatchObject({ status: 'rejected', error: { code: 'FERRY_ERR_PAYLOAD_INVALID', field: 'event_name' }, requests: [] });
  });

  it('R18: refused credentials (401) keep the job for later and pause the destination', async () => {
    await intercom.sim.faults({ status: 401, code: 'unauthorized', message: 'Access Token Invalid', count: 1 });
    const outcome = await run(identify, { type: 'identify', userId: 'u2', timestamp: at, traits: { email: 'u2@example.com' } });
    expect(outcome).toMatchObject({ status: 'retrying', pauseDestination: true });
    expect(outcome.requests.map((r) => r.status)).toEqual([401]);
  });

  it('an identity cache whose store does not answer (PostgreSQL down) keeps the job for later, never rejects it', async () => {
    const away = new FerryError('FERRY_ERR_STORE_UNAVAILABLE', 'the PostgreSQL database cannot be reached', {}, 503);
    const cache = new Proxy(intercom.cache, {
      get: (target, key) => (key === 'findContact' ? () => Promise.reject(away) : Reflect.get(target, key).bind(target)),
    });
    const outcome = await executeRoute(identify!, { type: 'identify', userId: 'u3', timestamp: at, traits: { email: 'u3@example.com' } }, {
      client: intercom.client, cache, destinationId: DESTINATION_ID, settings: {},
    });
    expect(outcome).toMatchObject({ status: 'retrying', error: { code: 'FERRY_ERR_STORE_UNAVAILABLE' } });
  });
});
