// Cross-cutting HTTP behaviour: Intercom-Version, the error envelope and its request id, and bad input of every shape.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator, type ApiResponse } from './test-support/harness.js';

// A large budget: the fuzz loop sends a few hundred requests and must never meet a 429.
const sim = useSimulator({ rateLimit: { limit: 100_000, windowSeconds: 10 } });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every error answer: Intercom's envelope, a UUID request id that is also the x-request-id header. */
function expectEnvelope(res: ApiResponse) {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    type: 'error.list',
    request_id: expect.stringMatching(UUID),
    errors: [{ code: expect.any(String), message: expect.any(String) }],
  });
  expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
}

describe('Intercom-Version', () => {
  it('is optional: a request without the header is answered', async () => {
    const response = await fetch(`${sim.url}/me`, { headers: { authorization: 'Bearer sim_token' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).app.id_code).toBe('sandbox1');
    const [logged] = await sim.requests();
    expect(logged.headers['intercom-version']).toBeUndefined();
  });

  it.each(['1.0', '1.4', '2.0', '2.11'])('accepts %s', async (version) => {
    const res = await sim.api('GET', '/me', undefined, { headers: { 'intercom-version': version } });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('admin');
  });

  it.each(['2.12', 'Preview', 'abc', '', '3'])('refuses %j with 400 intercom_version_invalid', async (version) => {
    const res = await sim.api('GET', '/me', undefined, { headers: { 'intercom-version': version } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      expectedError('intercom_version_invalid', `Requested Intercom-Version '${version}' is not valid`),
    );
    expectEnvelope(res);
  });

  it('checks the token before the version', async () => {
    const res = await sim.api('GET', '/me', undefined, { token: 'nope', headers: { 'intercom-version': 'abc' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(expectedError('unauthorized', 'Access Token Invalid'));
  });
});

describe('error envelope', () => {
  it('carries a fresh UUID request id equal to the x-request-id header', async () => {
    const first = await sim.api('GET', '/me', undefined, { token: null });
    const second = await sim.api('GET', '/me', undefined, { token: null });
    expectEnvelope(first);
    expectEnvelope(second);
    expect(first.body.request_id).not.toBe(second.body.request_id);
  });

  it('gives successful answers an x-request-id too', async () => {
    const res = await sim.api('GET', '/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('answers an unknown route or method with 404 not_found', async () => {
    for (const [method, path] of [['GET', '/nope'], ['PATCH', '/contacts/x'], ['GET', '/contacts/x/y/z']] as const) {
      const res = await sim.api(method, path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expectedError('not_found', 'Resource Not Found'));
      expectEnvelope(res);
    }
  });

  it('asks for a token before saying a route does not exist', async () => {
    const res = await sim.api('GET', '/nope', undefined, { token: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(expectedError('unauthorized', 'Access Token Invalid'));
  });
});

describe('request bodies', () => {
  it('reads a text/plain body as a non-object and answers 400 bad_request', async () => {
    const res = await sim.api('POST', '/contacts', undefined, {
      raw: 'email=a@example.com',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('bad_request', 'Request body must be a JSON object'));
    expectEnvelope(res);
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await sim.api('POST', '/contacts', undefined, {
      raw: '<contact><email>a@example.com</email></contact>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual(expectedError('unsupported_media_type', 'Content-Type must be application/json'));
    expectEnvelope(res);
  });

  it('answers a body over 2 MB with 413', async () => {
    const raw = JSON.stringify({ role: 'lead', name: 'x'.repeat(2 * 1024 * 1024) });
    const res = await sim.api('POST', '/contacts', undefined, { raw });
    expect(res.status).toBe(413);
    expect(res.body).toEqual(expectedError('request_too_large', 'The request body is too large'));
    expectEnvelope(res);
    expect((await sim.state()).contacts).toEqual([]);
  });

  it('accepts a body just under 2 MB (and judges its content)', async () => {
    const raw = JSON.stringify({ role: 'lead', name: 'x'.repeat(2 * 1024 * 1024 - 100) });
    const res = await sim.api('POST', '/contacts', undefined, { raw });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      ...expectedError('parameter_invalid', 'name must be at most 255 characters'),
      errors: [{ code: 'parameter_invalid', message: 'name must be at most 255 characters', field: 'name' }],
    });
  });

  it.each(['{bad', '{"email":"a@example.com",}', "{'email':'a@example.com'}", 'NaN', '\ufeff{}', '{"a":1}}'])(
    'answers invalid JSON %j with 400 bad_request',
    async (raw) => {
      const res = await sim.api('POST', '/contacts', undefined, { raw });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(expectedError('bad_request', 'The request body is not valid JSON'));
      expectEnvelope(res);
    },
  );
});

// Bodies no endpoint below may accept: wrong shapes, wrong types, unknown keys, depth, size, prototype tricks.
function adversarialBodies(): Array<[string, string]> {
  const json = (label: string, value: unknown): [string, string] => [label, JSON.stringify(value)];
  const deepObject = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
  const huge = 'x'.repeat(300_000);
  const polluter = '{"polluted":"yes"}';
  return [
    json('empty array', []),
    json('array of numbers', [1, 2, 3]),
    json('array of a valid body', [{ email: 'a@example.com', role: 'user' }]),
    json('string', 'hello'),
    json('empty string', ''),
    json('string of JSON', JSON.stringify({ email: 'a@example.com' })),
    json('zero', 0),
    json('negative', -1),
    json('huge number', 1e308),
    json('float', 3.14),
    json('true', true),
    json('false', false),
    json('null', null),
    ['deep arrays', '['.repeat(50_000) + ']'.repeat(50_000)],
    ['deep object', deepObject(10_000, '1')],
    ['deep query', `{"query":${deepObject(5_000, '{"field":"email","operator":"=","value":"x"}')}}`],
    ['deep custom attributes', `{"custom_attributes":${deepObject(5_000, '1')}}`],
    ['deep metadata', `{"event_name":"e","created_at":1,"id":"x","metadata":${deepObject(5_000, '1')}}`],
    ['huge string body', JSON.stringify(huge)],
    json('huge email', { email: `${huge}@example.com` }),
    json('huge everything', { name: huge, company_id: huge, event_name: huge, query: huge, model: huge }),
    json('huge key', { [huge]: 1 }),
    ['__proto__ key', `{"__proto__":${polluter}}`],
    ['__proto__ beside a valid field', `{"email":"a@example.com","__proto__":${polluter}}`],
    ['constructor.prototype', `{"constructor":{"prototype":${polluter}}}`],
    ['__proto__ in custom attributes', `{"custom_attributes":{"__proto__":${polluter}}}`],
    ['constructor in custom attributes', `{"custom_attributes":{"constructor":{"prototype":${polluter}}}}`],
    ['__proto__ in metadata', `{"event_name":"e","created_at":1,"id":"x","metadata":{"__proto__":${polluter}}}`],
    ['__proto__ in a search query', `{"query":{"__proto__":{"field":"email","operator":"=","value":"x"}}}`],
    ['__proto__ in pagination', `{"query":{"field":"email","operator":"=","value":"x"},"pagination":{"__proto__":${polluter},"per_page":-1}}`],
    ...['constructor', 'toString', '__proto__', 'hasOwnProperty'].map((field) =>
      json(`search field ${field}`, { query: { field, operator: '=', value: 'x' } })),
    json('hasOwnProperty key', { hasOwnProperty: 1 }),
    json('toString key', { toString: 'x', valueOf: null }),
    json('unknown key', { foo: 1 }),
    json('valid email with unknown key', { role: 'user', email: 'b@example.com', foo: 1 }),
    json('role as array', { role: ['user'] }),
    json('role unknown', { role: 'admin' }),
    json('email as number', { email: 5 }),
    json('external_id as object', { external_id: {} }),
    json('operator injection', { company_id: { $ne: null }, email: { $gt: '' } }),
    json('custom attribute array', { custom_attributes: { x: [1] } }),
    json('signed_up_at huge', { signed_up_at: 1e300 }),
    json('owner_id float', { owner_id: 1.5 }),
    json('created_at as text', { event_name: 'e', created_at: 'yesterday', user_id: 'u' }),
    json('model as object', { model: {}, name: 'x', data_type: 'string' }),
    json('query as string', { query: 'email = x' }),
    json('AND without array', { query: { operator: 'AND', value: 'x' } }),
    json('numeric keys', { 1: 1, 2: 2 }),
    ['duplicate keys', '{"email":"c@example.com","email":{"x":1}}'],
    ['lone surrogate key', '{"\\ud800":"\\udfff"}'],
    ['NUL bytes', '{"email\\u0000":"a\\u0000@example.com"}'],
  ];
}

describe('adversarial bodies', () => {
  const bodies = adversarialBodies();
  const targets = [
    'POST /contacts', 'POST /companies', 'POST /events', 'POST /contacts/search', 'POST /data_attributes',
    'PUT /contacts/x', 'PUT /contacts/{existing}',
  ];

  it('are about fifty', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(50);
  });

  it.each(targets)('sent to %s are answered 4xx with the envelope, never 5xx, nor pollute Object.prototype', async (target) => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const contact = await sim.api('POST', '/contacts', { role: 'user', email: 'target@example.com' });
    expect(contact.status).toBe(200);
    const [method, template] = target.split(' ') as [string, string];
    const path = template.replace('{existing}', contact.body.id);

    const failures: string[] = [];
    await Promise.all(bodies.map(async ([label, raw]) => {
      const res = await sim.api(method, path, undefined, { raw });
      const envelopeOk =
        res.body?.type === 'error.list' && UUID.test(res.body.request_id) &&
        res.headers.get('x-request-id') === res.body.request_id && res.body.errors?.length === 1;
      if (res.status < 400 || res.status >= 500 || res.status === 429 || !envelopeOk) {
        failures.push(`${label}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }));
    expect(failures).toEqual([]);

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Nothing was written, and the simulator (request log included) still answers.
    const state = await sim.state();
    expect(state.contacts.map((c: any) => c.id)).toEqual([contact.body.id]);
    expect([state.companies, state.events, state.data_attributes]).toEqual([[], [], []]);
    expect((await sim.api('GET', '/me')).status).toBe(200);
    const log = await sim.control('GET', '/requests');
    expect(log.status).toBe(200);
    expect(log.body.requests).toHaveLength(2 + bodies.length);
  });
});
