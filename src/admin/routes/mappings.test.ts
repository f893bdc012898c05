// The mappings routes against a real ferry: CRUD, presets materialized, limits, reorder, validate, exact error bodies.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { admin } from '../../commands/test-support/ferry.js';
import { PRESET_MAPPINGS } from '../../destinations/intercom/index.js';
import { UNAUTHORIZED, callWithAuth, useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const handle = useFerry(() => sim.url);
const BASE = '/api/destinations/intercom/mappings';
const at = (name: string) => `${BASE}/${encodeURIComponent(name)}`;
const presets = () => PRESET_MAPPINGS.map((p) => ({ ...p }));

const signups = {
  name: 'Signups', action: 'trackEvent', trigger: 'type = "track" and event = "Signed Up"',
  mapping: { event_name: { '@template': 'signup-{{properties.plan}}' } },
};
const error = (status: number, code: string, message: string, path?: string) =>
  ({ status, body: { error: { code, message, ...(path === undefined ? {} : { path }) } } });

async function start() {
  return (await handle.start()).url;
}

describe('GET /api/destinations/:id/mappings', () => {
  it('answers the presets, marked as such, while the destination stores none', async () => {
    const url = await start();
    expect(await admin(url, 'GET', BASE)).toEqual({ status: 200, body: { presets: true, mappings: presets() } });
    expect(await admin(url, 'GET', at('Track Event'))).toEqual({ status: 200, body: presets()[2] });
    expect(await admin(url, 'GET', '/api/destinations/nope/mappings')).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"),
    );
    expect(await admin(url, 'GET', at('Nope'))).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' has no mapping 'Nope'"),
    );
  });
});

describe('POST /api/destinations/:id/mappings', () => {
  it('adds a mapping after the presets, which are stored first, and stores it', async () => {
    const url = await start();
    // A mapping change is not a settings change: a destination paused on refused credentials stays paused.
    await handle.ferry!.store.setDestinationPaused('intercom', 'Intercom answered 401');
    expect(await admin(url, 'POST', BASE, signups)).toEqual({ status: 201, body: { ...signups, enabled: true } });
    const list = await admin(url, 'GET', BASE);
    expect(list.body).toEqual({ presets: false, mappings: [...presets(), { ...signups, enabled: true }] });
    const [stored] = await handle.ferry!.store.listDestinations();
    expect(stored!.mappings).toEqual(list.body.mappings);
    expect(stored!.pausedReason).toBe('Intercom answered 401');
    // Trigger and mapping may be left out: the action's defaults apply.
    const minimal = { name: 'Contacts off', action: 'identifyContact', enabled: false };
    expect(await admin(url, 'POST', BASE, minimal)).toEqual({ status: 201, body: minimal });
    expect((await admin(url, 'GET', at('Contacts off'))).body).toEqual(minimal);
    // Changes made at the same time all land: each one reads the list the previous one stored.
    const names = ['a', 'b', 'c', 'd', 'e'];
    const added = await Promise.all(names.map((name) => admin(url, 'POST', BASE, { name, action: 'trackEvent' })));
    expect(added.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    expect((await admin(url, 'GET', BASE)).body.mappings.map((m: any) => m.name).slice(5).sort()).toEqual(names);
  });

  it("refuses what the config file would refuse, with the compiler's message and the path in the body", async () => {
    const url = await start();
    const add = (body: unknown) => admin(url, 'POST', BASE, body);
    expect(await add({ ...signups, action: 'sendEmail' })).toEqual(error(400, 'FERRY_ERR_UNKNOWN_ACTION',
      "Mapping 'Signups': unknown action 'sendEmail' (known: identifyContact, identifyCompany, trackEvent)", 'action'));
    expect(await add({ ...signups, trigger: 'type = "track" and' })).toEqual(error(400, 'FERRY_ERR_TRIGGER_INVALID',
      "Mapping 'Signups': invalid trigger `type = \"track\" and`: the FQL parser read it as `type = \"track\"` — check for " +
      'a missing value, a dangling and/or, or an operator other than = != > < >= <= exists, contains() and match()', 'trigger'));
    expect(await add({ ...signups, trigger: '' })).toEqual(error(400, 'FERRY_ERR_TRIGGER_INVALID',
      "Mapping 'Signups': invalid trigger ``: the trigger is empty", 'trigger'));
    const badIf = { email: { '@if': { exists: { '@path': '$.traits.email' }, then: { '@path': 5 } } } };
    expect(await add({ name: 'Bad', action: 'identifyContact', mapping: badIf })).toEqual(error(400, 'FERRY_ERR_MAPPING_DIRECTIVE',
      'Invalid mapping at "mapping.email.@if.then.@path": @path needs a path string (such as "$.traits.email") or a directive, but got a number.',
      'mapping.email.@if.then.@path'));
    expect(await add({ name: 'Bad', action: 'trackEvent', mapping: { nope: 'x' } })).toEqual(error(400, 'FERRY_ERR_MAPPING_DIRECTIVE',
      "Mapping 'Bad': 'nope' is not a field of trackEvent (fields: event_name, created_at, user_id, email, revenue, currency, id, metadata)",
      'mapping.nope'));
    expect(await add({ name: 'Bad', action: 'trackEvent', mapping: { metadata: { prototype: 1 } } })).toEqual(error(400,
      'FERRY_ERR_MAPPING_DIRECTIVE', 'Invalid mapping at "mapping.metadata.prototype": the key "prototype" is not allowed',
      'mapping.metadata.prototype'));
    const anyOf = (n: number) => Array.from({ length: n }, (_, i) => `event = "E${i}"`).join(' or ');
    expect(await add({ ...signups, trigger: anyOf(101) })).toEqual(error(400, 'FERRY_ERR_TRIGGER_TOO_LARGE',
      "Mapping 'Signups': the trigger has 101 conditions; at most 100 are allowed", 'trigger'));
    expect(await add({ ...signups, mapping: { event_name: { '@literal': 'x'.repeat(64 * 1024) } } })).toEqual(error(400,
      'FERRY_ERR_MAPPING_TOO_LARGE', "Mapping 'Signups': the mapping is 65,566 bytes as JSON; a mapping may be at most 64 KB", 'mapping'));
    expect(await add({ name: 'Bad' })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID', "body must have required property 'action'"));
    expect(await add({ ...signups, name: '' })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'body.name must NOT have fewer than 1 characters', 'name'));
    expect(await add({ ...signups, maping: {} })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'body.maping is not a known key; did you mean "mapping"?', 'maping'));
    expect(await add({ ...signups, name: 'order' })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      "'order' is reserved by the admin API; choose another name", 'name'));
    expect(await add({ ...signups, name: ' Signups' })).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID',
      'name must not start or end with spaces', 'name'));
    expect(await add({ ...signups, name: 'Track Event' })).toEqual(error(409, 'FERRY_ERR_CONFLICT',
      "destination 'intercom' already has a mapping named 'Track Event'", 'name'));
    expect(await admin(url, 'POST', '/api/destinations/nope/mappings', signups)).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    // Nothing was stored by any of them.
    expect((await admin(url, 'GET', BASE)).body).toEqual({ presets: true, mappings: presets() });
    expect((await handle.ferry!.store.listDestinations())[0]!.mappings).toBeUndefined();
  });

  it('refuses the 51st mapping', async () => {
    const url = await start();
    for (let i = 4; i <= 50; i++) {
      const res = await admin(url, 'POST', BASE, { name: `m${i}`, action: 'trackEvent', enabled: false });
      expect(res.status).toBe(201);
    }
    expect((await admin(url, 'GET', BASE)).body.mappings).toHaveLength(50);
    expect(await admin(url, 'POST', BASE, { name: 'm51', action: 'trackEvent' })).toEqual(error(400, 'FERRY_ERR_MAPPING_LIMIT',
      "destination 'intercom' already has 50 mappings, the most a destination holds; delete one first"));
    expect((await admin(url, 'GET', BASE)).body.mappings).toHaveLength(50);
    expect((await admin(url, 'DELETE', at('m50'))).status).toBe(204);
    expect((await admin(url, 'POST', BASE, { name: 'm51', action: 'trackEvent' })).status).toBe(201);
  });
});

describe('PUT, DELETE, enable and disable /api/destinations/:id/mappings/:name', () => {
  it('replaces a mapping, renames it, and keeps its place and state', async () => {
    const url = await start();
    await admin(url, 'POST', BASE, signups);
    await admin(url, 'POST', at('Signups') + '/disable');
    const changed = { action: 'trackEvent', trigger: 'event = "Signed Up"' };
    expect(await admin(url, 'PUT', at('Signups'), changed)).toEqual({ status: 200, body: { name: 'Signups', ...changed, enabled: false } });
    const renamed = { ...changed, name: 'Sign-ups', enabled: true };
    expect(await admin(url, 'PUT', at('Signups'), renamed)).toEqual({ status: 200, body: renamed });
    expect((await admin(url, 'GET', BASE)).body.mappings.map((m: any) => m.name)).toEqual(
      ['Identify Contact', 'Identify Company', 'Track Event', 'Sign-ups']);
    expect(await admin(url, 'GET', at('Signups'))).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' has no mapping 'Signups'"));
  });

  it('answers 409, 400 and 404 for a clashing rename, an invalid mapping and an unknown one', async () => {
    const url = await start();
    expect(await admin(url, 'PUT', at('Track Event'), { name: 'Identify Contact', action: 'trackEvent' })).toEqual(
      error(409, 'FERRY_ERR_CONFLICT', "destination 'intercom' already has a mapping named 'Identify Contact'", 'name'));
    expect(await admin(url, 'PUT', at('Track Event'), { action: 'trackEvent', trigger: 'type = = "x"' })).toMatchObject(
      error(400, 'FERRY_ERR_TRIGGER_INVALID', expect.stringContaining("Mapping 'Track Event': invalid trigger"), 'trigger'));
    expect(await admin(url, 'PUT', at('Track Event'), { name: 'validate', action: 'trackEvent' })).toEqual(
      error(400, 'FERRY_ERR_REQUEST_INVALID', "'validate' is reserved by the admin API; choose another name", 'name'));
    expect(await admin(url, 'PUT', at('Nope'), { action: 'trackEvent' })).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' has no mapping 'Nope'"));
    expect(await admin(url, 'PUT', at('Track Event'), { name: 'Track Event' })).toEqual(
      error(400, 'FERRY_ERR_REQUEST_INVALID', "body must have required property 'action'"));
    expect((await admin(url, 'GET', BASE)).body.presets).toBe(true);
  });

  it('deletes a mapping; deleting every one leaves none (not the presets)', async () => {
    const url = await start();
    expect(await admin(url, 'DELETE', at('Identify Company'))).toEqual({ status: 204, body: undefined });
    expect((await admin(url, 'GET', BASE)).body).toEqual({ presets: false, mappings: [presets()[0], presets()[2]] });
    expect(await admin(url, 'DELETE', at('Identify Company'))).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' has no mapping 'Identify Company'"));
    await admin(url, 'DELETE', at('Identify Contact'));
    await admin(url, 'DELETE', at('Track Event'));
    expect((await admin(url, 'GET', BASE)).body).toEqual({ presets: false, mappings: [] });
    expect((await handle.ferry!.store.listDestinations())[0]!.mappings).toEqual([]);
  });

  it('enables and disables a mapping (idempotent)', async () => {
    const url = await start();
    expect(await admin(url, 'POST', at('Track Event') + '/enable')).toEqual({ status: 200, body: presets()[2] });
    expect((await admin(url, 'GET', BASE)).body.presets).toBe(true);
    const off = { ...presets()[2], enabled: false };
    expect(await admin(url, 'POST', at('Track Event') + '/disable')).toEqual({ status: 200, body: off });
    expect(await admin(url, 'POST', at('Track Event') + '/disable')).toEqual({ status: 200, body: off });
    expect((await admin(url, 'GET', BASE)).body).toEqual({ presets: false, mappings: [presets()[0], presets()[1], off] });
    expect(await admin(url, 'POST', at('Track Event') + '/enable')).toEqual({ status: 200, body: presets()[2] });
    expect(await admin(url, 'POST', at('Nope') + '/enable')).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' has no mapping 'Nope'"));
  });
});

describe('PUT /api/destinations/:id/mappings/order', () => {
  it('reorders the mappings; the names must be a permutation', async () => {
    const url = await start();
    await admin(url, 'POST', BASE, signups);
    const names = ['Signups', 'Track Event', 'Identify Contact', 'Identify Company'];
    const res = await admin(url, 'PUT', `${BASE}/order`, { names });
    expect(res.status).toBe(200);
    expect(res.body.presets).toBe(false);
    expect(res.body.mappings.map((m: any) => m.name)).toEqual(names);
    expect((await admin(url, 'GET', BASE)).body).toEqual(res.body);
    const refused = (detail: string) => error(400, 'FERRY_ERR_REQUEST_INVALID',
      `names must list each of the destination's 4 mappings exactly once (${detail})`, 'names');
    expect(await admin(url, 'PUT', `${BASE}/order`, { names: names.slice(1) })).toEqual(refused("missing: 'Signups'"));
    expect(await admin(url, 'PUT', `${BASE}/order`, { names: [...names, 'Other'] })).toEqual(refused("unknown: 'Other'"));
    expect(await admin(url, 'PUT', `${BASE}/order`, { names: [...names.slice(1), 'Track Event'] })).toEqual(
      refused("missing: 'Signups'; repeated: 'Track Event'"));
    expect(await admin(url, 'PUT', `${BASE}/order`, { names: { Signups: 1 } })).toEqual(
      error(400, 'FERRY_ERR_REQUEST_INVALID', 'body.names must be array', 'names'));
    expect((await admin(url, 'GET', BASE)).body.mappings.map((m: any) => m.name)).toEqual(names);
  });

  it('reorders the presets, storing them', async () => {
    const url = await start();
    const names = ['Track Event', 'Identify Company', 'Identify Contact'];
    expect(await admin(url, 'PUT', `${BASE}/order`, { names })).toEqual(
      { status: 200, body: { presets: false, mappings: [presets()[2], presets()[1], presets()[0]] } });
    expect(await admin(url, 'PUT', '/api/destinations/nope/mappings/order', { names })).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
  });
});

describe('POST /api/destinations/:id/mappings/validate', () => {
  it('checks a mapping without saving it', async () => {
    const url = await start();
    expect(await admin(url, 'POST', `${BASE}/validate`, signups)).toEqual({ status: 200, body: { valid: true } });
    // A name in use is fine here: validating an edit of an existing mapping.
    expect(await admin(url, 'POST', `${BASE}/validate`, { ...signups, name: 'Track Event' })).toEqual({ status: 200, body: { valid: true } });
    expect(await admin(url, 'POST', `${BASE}/validate`, { ...signups, mapping: { event_name: { '@path': '$.a', '@literal': 1 } } })).toEqual(
      error(400, 'FERRY_ERR_MAPPING_DIRECTIVE',
        'Invalid mapping at "mapping.event_name": an object can hold only one directive, but this one has "@path", "@literal".',
        'mapping.event_name'));
    expect(await admin(url, 'POST', '/api/destinations/nope/mappings/validate', signups)).toEqual(
      error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    expect((await admin(url, 'GET', BASE)).body.presets).toBe(true);
  });
});

describe('admin authentication on the mappings routes', () => {
  it('answers 401 without a token or with a wrong one, and changes nothing', async () => {
    const url = await start();
    const calls: [string, string, unknown?][] = [
      ['GET', BASE], ['POST', BASE, signups], ['GET', at('Track Event')], ['PUT', at('Track Event'), { action: 'trackEvent' }],
      ['DELETE', at('Track Event')], ['POST', `${at('Track Event')}/enable`], ['POST', `${at('Track Event')}/disable`],
      ['PUT', `${BASE}/order`, { names: [] }], ['POST', `${BASE}/validate`, signups],
    ];
    for (const [method, path, body] of calls) {
      expect(await callWithAuth(url, method, path, undefined, body)).toEqual({ status: 401, body: UNAUTHORIZED });
      expect(await callWithAuth(url, method, path, 'Bearer test-admin-tokem', body)).toEqual({ status: 401, body: UNAUTHORIZED });
    }
    expect((await admin(url, 'GET', BASE)).body).toEqual({ presets: true, mappings: presets() });
  });
});
