// The control API: injected faults, the request log, reset, extra workspaces, state and data attributes.
import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log.js';
import { expectedError, useSimulator } from './test-support/harness.js';

const sim = useSimulator();

const UNAVAILABLE = expectedError('service_unavailable', 'Sorry, the API service is temporarily unavailable');
const NO_FAULTS = { injected: [], latencyMs: 0, searchLagMs: 0 };

describe('POST /_sim/faults: injected answers', () => {
  it('answers the next N API requests with the status, then normally', async () => {
    const set = await sim.control('POST', '/faults', { status: 503, count: 2 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ injected: [{ status: 503, remaining: 2, code: 'service_unavailable' }], latencyMs: 0, searchLagMs: 0 });
    const answers = [await sim.api('GET', '/me'), await sim.api('POST', '/contacts', { email: 'a@example.com' })];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual(UNAVAILABLE);
      expect(answer.headers.get('x-request-id')).toBe(answer.body.request_id);
      expect(answer.headers.get('x-ratelimit-limit')).toBe('167');
    }
    expect((await sim.api('GET', '/me')).status).toBe(200);
    expect((await sim.control('GET', '/faults')).body).toEqual(NO_FAULTS);
    expect((await sim.state()).contacts).toEqual([]);
  });

  it('is not used up by a request without a valid token, nor by the control API', async () => {
    await sim.control('POST', '/faults', { status: 503 });
    expect((await sim.api('GET', '/me', undefined, { token: 'nope' })).status).toBe(401);
    expect((await sim.control('GET', '/state')).status).toBe(200);
    expect((await sim.api('GET', '/me')).status).toBe(503);
  });

  it('sends the headers given, e.g. Retry-After on a 429', async () => {
    await sim.control('POST', '/faults', { status: 429, headers: { 'retry-after': '2' } });
    const res = await sim.api('GET', '/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body).toEqual(
      expectedError('rate_limit_exceeded', 'You have exceeded the rate limit. Please try again later.'),
    );
  });

  it('uses a given code and message', async () => {
    await sim.control('POST', '/faults', { status: 500, code: 'server_error', message: 'Something broke' });
    const res = await sim.api('GET', '/me');
    expect(res.status).toBe(500);
    expect(res.body).toEqual(expectedError('server_error', 'Something broke'));
  });

  it('hits only the path given (a prefix)', async () => {
    await sim.control('POST', '/faults', { status: 500, path: '/events' });
    expect((await sim.api('GET', '/me')).status).toBe(200);
    expect((await sim.api('POST', '/contacts', { email: 'a@example.com' })).status).toBe(200);
    const event = { event_name: 'signed-up', created_at: 1_700_000_000, email: 'a@example.com' };
    const hit = await sim.api('POST', '/events', event);
    expect(hit.status).toBe(500);
    expect(hit.body).toEqual(expectedError('server_error', 'Server Error'));
    expect((await sim.api('POST', '/events', event)).status).toBe(202);
  });

  it('hits only the method given, in any case', async () => {
    await sim.control('POST', '/faults', { status: 502, method: 'post' });
    expect((await sim.api('GET', '/me')).status).toBe(200);
    const hit = await sim.api('POST', '/contacts', { email: 'a@example.com' });
    expect(hit.status).toBe(502);
    expect(hit.body).toEqual(expectedError('bad_gateway', 'Bad Gateway'));
  });

  it('hits only the workspace given', async () => {
    await sim.control('POST', '/workspaces', { name: 'Other', id_code: 'other1', token: 'other_token' });
    await sim.control('POST', '/faults', { status: 503, workspace: 'other1' });
    expect((await sim.api('GET', '/me')).status).toBe(200);
    expect((await sim.api('GET', '/me', undefined, { token: 'other_token' })).status).toBe(503);
  });

  it('queues several faults and uses each in turn', async () => {
    await sim.control('POST', '/faults', { status: 503 });
    await sim.control('POST', '/faults', { status: 500 });
    expect([(await sim.api('GET', '/me')).status, (await sim.api('GET', '/me')).status]).toEqual([503, 500]);
    expect((await sim.api('GET', '/me')).status).toBe(200);
  });
});

describe('POST /_sim/faults: latency and clear', () => {
  it('adds latencyMs to every API request', async () => {
    const set = await sim.control('POST', '/faults', { latencyMs: 150 });
    expect(set.body).toEqual({ ...NO_FAULTS, latencyMs: 150 });
    const started = performance.now();
    const res = await sim.api('GET', '/me');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('clear removes injected answers and latency', async () => {
    await sim.control('POST', '/faults', { status: 503, count: 5 });
    await sim.control('POST', '/faults', { latencyMs: 150 });
    const cleared = await sim.control('POST', '/faults', { clear: true });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual(NO_FAULTS);
    expect((await sim.api('GET', '/me')).status).toBe(200);
  });

  it('clear and a new fault in one body: the new fault stays', async () => {
    await sim.control('POST', '/faults', { status: 503, count: 5 });
    const set = await sim.control('POST', '/faults', { clear: true, status: 500 });
    expect(set.body.injected).toEqual([{ status: 500, remaining: 1, code: 'server_error' }]);
  });
});

describe('POST /_sim/faults: refused settings', () => {
  it.each([
    [{ foo: 1 }, "unknown fault setting 'foo'"],
    [{ status: 'x' }, 'status must be an integer from 400 to 599'],
    [{ status: 200 }, 'status must be an integer from 400 to 599'],
    [{ status: 600 }, 'status must be an integer from 400 to 599'],
    [{ status: 503, count: 0 }, 'count must be an integer from 1 to 9007199254740991'],
    [{ status: 503, count: 1.5 }, 'count must be an integer from 1 to 9007199254740991'],
    [{ count: 2 }, "'count' needs a status to inject"],
    [{ path: '/events' }, "'path' needs a status to inject"],
    [{ status: 503, headers: ['retry-after'] }, 'headers must be an object of strings'],
    [{ status: 503, headers: { 'retry-after': 2 } }, 'headers must be an object of strings'],
    [{ status: 503, headers: { 'bad header': 'x' } }, "header 'bad header' is not a valid HTTP header"],
    [{ status: 503, headers: { 'x-a': 'line\r\nbreak' } }, "header 'x-a' is not a valid HTTP header"],
    [{ status: 503, method: 5 }, 'method must be a string'],
    [{ status: 503, workspace: 'nope' }, "unknown workspace 'nope'"],
    [{ latencyMs: -1 }, 'latencyMs must be an integer from 0 to 60000'],
    [{ searchLagMs: 'soon' }, 'searchLagMs must be an integer from 0 to 3600000'],
    [{ clear: 'yes' }, 'clear must be true or false'],
    [[{ status: 503 }], 'body must be a JSON object'],
    [null, 'body must be a JSON object'],
  ])('%j -> 400', async (body, message) => {
    const res = await sim.control('POST', '/faults', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: message });
    expect((await sim.control('GET', '/faults')).body).toEqual(NO_FAULTS);
  });

  it('a refused body changes nothing, even its valid parts', async () => {
    await sim.control('POST', '/faults', { status: 503 });
    const res = await sim.control('POST', '/faults', { clear: true, latencyMs: 100, rateLimit: { limit: 1 }, status: 'x' });
    expect(res.status).toBe(400);
    expect((await sim.control('GET', '/faults')).body).toEqual({
      ...NO_FAULTS, injected: [{ status: 503, remaining: 1, code: 'service_unavailable' }],
    });
    expect((await sim.control('POST', '/faults', { clear: true })).status).toBe(200);
    expect((await sim.api('GET', '/me')).headers.get('x-ratelimit-limit')).toBe('167');
  });

  it('an injected answer with odd headers still answers (no 500)', async () => {
    await sim.control('POST', '/faults', { status: 503, headers: { 'x-weird': '', 'retry-after': '1' } });
    const res = await sim.api('GET', '/me');
    expect(res.status).toBe(503);
    expect(res.headers.get('x-weird')).toBe('');
  });
});

describe('GET /_sim/requests', () => {
  it('logs method, path, query, headers, body, status and error code of every API request', async () => {
    await sim.api('GET', '/contacts?per_page=5');
    await sim.api('POST', '/contacts', { email: 'a@example.com' });
    await sim.api('POST', '/contacts', { foo: 1 });
    const log = await sim.requests();
    const headers = {
      authorization: 'Bearer [redacted]',
      'intercom-version': '2.11',
      accept: 'application/json',
      'user-agent': expect.any(String),
    };
    expect(log).toEqual([
      {
        seq: expect.any(Number), at: expect.any(String), workspace: 'sandbox1', method: 'GET', path: '/contacts',
        query: { per_page: '5' }, headers, status: 200,
      },
      {
        seq: expect.any(Number), at: expect.any(String), workspace: 'sandbox1', method: 'POST', path: '/contacts',
        query: {}, headers: { ...headers, 'content-type': 'application/json' }, body: { email: 'a@example.com' },
        status: 200,
      },
      {
        seq: expect.any(Number), at: expect.any(String), workspace: 'sandbox1', method: 'POST', path: '/contacts',
        query: {}, headers: { ...headers, 'content-type': 'application/json' }, body: { foo: 1 },
        status: 400, errorCode: 'bad_request',
      },
    ]);
    expect(log[1].seq).toBe(log[0].seq + 1);
    expect(Date.parse(log[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never shows a token, whatever the Authorization header looks like', async () => {
    await sim.control('POST', '/workspaces', { name: 'Other', token: 'other_secret_token' });
    await sim.api('GET', '/me');
    await sim.api('GET', '/me', undefined, { token: 'other_secret_token' });
    await sim.api('GET', '/me', undefined, { token: 'unknown_secret_token' });
    await sim.api('GET', '/me', undefined, { token: null, headers: { authorization: 'sim_token' } });
    await sim.api('GET', '/me', undefined, { token: null, headers: { authorization: 'Basic c2ltX3Rva2VuOg==' } });
    const log = await sim.control('GET', '/requests');
    expect(log.body.requests.map((r: any) => [r.status, r.headers.authorization])).toEqual([
      [200, 'Bearer [redacted]'],
      [200, 'Bearer [redacted]'],
      [401, 'Bearer [redacted]'],
      [401, '[redacted]'],
      [401, 'Basic [redacted]'],
    ]);
    for (const secret of ['sim_token', 'other_secret_token', 'unknown_secret_token', 'c2ltX3Rva2VuOg']) {
      expect(log.text).not.toContain(secret);
    }
  });

  it('redacts the client secret of an OAuth token exchange', async () => {
    await sim.api('POST', '/auth/eagle/token', { code: 'nope', client_id: 'sim_client', client_secret: 'sim_secret' });
    const log = await sim.control('GET', '/requests');
    expect(log.body.requests[0]).toMatchObject({
      path: '/auth/eagle/token',
      status: 400,
      body: { code: 'nope', client_id: 'sim_client', client_secret: '[redacted]' },
    });
    expect(log.text).not.toContain('sim_secret');
  });

  it('keeps a marker instead of a body too deep to serialize', async () => {
    await sim.api('POST', '/contacts', undefined, { raw: '['.repeat(50_000) + ']'.repeat(50_000) });
    await sim.api('POST', '/contacts', { email: 'a@example.com', custom_attributes: { a: 1 } });
    const log = await sim.control('GET', '/requests');
    expect(log.status).toBe(200);
    expect(log.body.requests.map((r: any) => r.body)).toEqual([
      '[body nested deeper than 64 levels]',
      { email: 'a@example.com', custom_attributes: { a: 1 } },
    ]);
  });

  it('filters by since, method, path and workspace', async () => {
    await sim.control('POST', '/workspaces', { name: 'Other', id_code: 'other1', token: 'other_token' });
    await sim.api('GET', '/me');
    await sim.api('POST', '/contacts', { email: 'a@example.com' });
    await sim.api('POST', '/contacts/search', { query: { field: 'email', operator: '=', value: 'a@example.com' } });
    await sim.api('GET', '/me', undefined, { token: 'other_token' });
    await sim.api('GET', '/me', undefined, { token: 'nope' });
    const all = await sim.requests();
    expect(all).toHaveLength(5);
    const pick = async (query: string) =>
      (await sim.control('GET', `/requests?${query}`)).body.requests.map((r: any) => `${r.method} ${r.path} ${r.workspace}`);
    expect(await pick(`since=${all[2].seq}`)).toEqual(['GET /me other1', 'GET /me null']);
    expect(await pick('method=post')).toEqual(['POST /contacts sandbox1', 'POST /contacts/search sandbox1']);
    expect(await pick('path=/contacts/search')).toEqual(['POST /contacts/search sandbox1']);
    expect(await pick('path=/me&workspace=other1')).toEqual(['GET /me other1']);
    expect(await pick('since=abc')).toHaveLength(5);
  });

  it('does not log the control API itself', async () => {
    await sim.control('GET', '/state');
    await sim.control('POST', '/faults', { latencyMs: 0 });
    expect(await sim.requests()).toEqual([]);
  });
});

describe('RequestLog', () => {
  const entry = { at: '', workspace: null, method: 'GET', path: '/me', query: {}, headers: {}, body: undefined, status: 200 };

  it('keeps the newest `capacity` entries, numbered on across clears', () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 10; i++) log.add(entry);
    expect(log.list().map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(log.list({ since: 8 }).map((e) => e.seq)).toEqual([9, 10]);
    log.clear();
    log.add(entry);
    expect(log.list().map((e) => e.seq)).toEqual([11]);
  });
});

describe('POST /_sim/reset', () => {
  it('clears contacts, requests, faults and extra workspaces', async () => {
    await sim.api('POST', '/contacts', { email: 'a@example.com' });
    await sim.control('POST', '/faults', { status: 503, count: 3, latencyMs: 10, searchLagMs: 500 });
    await sim.control('POST', '/workspaces', { name: 'Other', token: 'other_token' });
    const reset = await sim.control('POST', '/reset');
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ ok: true });
    expect((await sim.state()).contacts).toEqual([]);
    expect(await sim.requests()).toEqual([]);
    expect((await sim.control('GET', '/faults')).body).toEqual(NO_FAULTS);
    expect((await sim.control('GET', '/state')).body.workspaces.map((w: any) => w.id_code)).toEqual(['sandbox1']);
    expect((await sim.api('GET', '/me', undefined, { token: 'other_token' })).status).toBe(401);
    expect((await sim.api('GET', '/me')).status).toBe(200);
  });
});

describe('POST /_sim/workspaces', () => {
  it('creates a workspace whose token answers GET /me with its name and region', async () => {
    const created = await sim.control('POST', '/workspaces', {
      name: 'Europe', region: 'EU', id_code: 'eu1', token: 'eu_token',
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id_code: 'eu1', name: 'Europe', region: 'EU', token: 'eu_token' });
    const me = await sim.api('GET', '/me', undefined, { token: 'eu_token' });
    expect(me.status).toBe(200);
    expect(me.body.app).toMatchObject({ type: 'app', id_code: 'eu1', name: 'Europe', region: 'EU' });
    // Separate data: a contact in one workspace is not in the other.
    await sim.api('POST', '/contacts', { email: 'a@example.com' }, { token: 'eu_token' });
    const state = (await sim.control('GET', '/state')).body.workspaces;
    expect(state.map((w: any) => [w.id_code, w.contacts.length])).toEqual([['sandbox1', 0], ['eu1', 1]]);
  });

  it('makes up an id_code and token when not given, in region US', async () => {
    const created = await sim.control('POST', '/workspaces', { name: 'Plain' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id_code: expect.stringMatching(/^[a-z0-9]{8}$/), name: 'Plain', region: 'US', token: expect.stringMatching(/^sim_\S+$/),
    });
    const me = await sim.api('GET', '/me', undefined, { token: created.body.token });
    expect(me.body.app).toMatchObject({ id_code: created.body.id_code, name: 'Plain', region: 'US' });
  });

  it.each([
    [{ name: 'Again', id_code: 'sandbox1' }, "workspace id_code 'sandbox1' already exists"],
    [{ name: 'Again', token: 'sim_token' }, 'token already belongs to another workspace'],
    [{ name: 'Moon', region: 'MOON' }, 'region must be one of US, EU, AU'],
    [{ name: 'Lower', region: 'eu' }, 'region must be one of US, EU, AU'],
    [{ region: 'EU' }, 'name is required'],
    [{ name: '' }, 'name is required'],
    [{ name: 'Blank', token: '' }, 'token must be a word without spaces'],
    [{ name: 'Spaced', id_code: 'a b' }, 'id_code must be a word without spaces'],
    [{ name: 'Numeric', id_code: 5 }, 'id_code must be a word without spaces'],
  ])('%j -> 400', async (body, message) => {
    const res = await sim.control('POST', '/workspaces', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: message });
    expect((await sim.control('GET', '/state')).body.workspaces).toHaveLength(1);
  });
});

describe('GET /_sim/state', () => {
  it('shows contacts, companies, events and custom data attributes per workspace', async () => {
    const attribute = await sim.api('POST', '/data_attributes', { model: 'contact', name: 'plan', data_type: 'string' });
    expect(attribute.status).toBe(200);
    const contact = await sim.api('POST', '/contacts', { email: 'a@example.com', custom_attributes: { plan: 'pro' } });
    const company = await sim.api('POST', '/companies', { company_id: 'acme', name: 'Acme' });
    const event = { event_name: 'signed-up', created_at: 1_700_000_000, email: 'a@example.com', metadata: { a: 1 } };
    expect((await sim.api('POST', '/events', event)).status).toBe(202);
    expect((await sim.api('POST', '/events', event)).status).toBe(202);
    const res = await sim.control('GET', '/state');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      workspaces: [{
        id_code: 'sandbox1',
        name: 'Sandbox',
        region: 'US',
        contacts: [{ ...contact.body, archived: false }],
        companies: [company.body],
        events: [{ contact_id: contact.body.id, event_name: 'signed-up', created_at: 1_700_000_000, metadata: { a: 1 } }],
        duplicate_events: 1,
        data_attributes: [attribute.body],
      }],
    });
  });

  it('selects one workspace with ?workspace=, and refuses an unknown one', async () => {
    await sim.control('POST', '/workspaces', { name: 'Other', id_code: 'other1' });
    const one = await sim.control('GET', '/state?workspace=other1');
    expect(one.body.workspaces.map((w: any) => w.name)).toEqual(['Other']);
    const unknown = await sim.control('GET', '/state?workspace=nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: "unknown workspace 'nope'" });
  });
});

describe('POST /_sim/data-attributes', () => {
  it('defines custom attributes without using the API budget', async () => {
    const res = await sim.control('POST', '/data-attributes', {
      attributes: [
        { model: 'contact', name: 'plan', data_type: 'string' },
        { model: 'company', name: 'tier', data_type: 'integer' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: any) => [a.model, a.name, a.data_type, a.custom])).toEqual([
      ['contact', 'plan', 'string', true],
      ['company', 'tier', 'integer', true],
    ]);
    expect((await sim.api('POST', '/contacts', { email: 'a@example.com', custom_attributes: { plan: 'pro' } })).status)
      .toBe(200);
    expect(await sim.requests()).toHaveLength(1);
  });

  it('refuses an unknown workspace or an invalid attribute with 400', async () => {
    const unknown = await sim.control('POST', '/data-attributes', { workspace: 'nope', model: 'contact', name: 'plan' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: "unknown workspace 'nope'" });
    const invalid = await sim.control('POST', '/data-attributes', { model: 'ticket', name: 'plan', data_type: 'string' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({
      error: 'The Data Attribute model field must be either contact or company', code: 'parameter_invalid',
    });
  });
});
