// The admin API's JSON bodies over fastify inject on a real SQLite file: deep and oversize bodies get a 400, never a 500.
import { describe, expect, it } from 'vitest';
import { TOKEN, error, useControlApp } from './test-support/control-app.js';

const open = useControlApp();
const MAPPINGS = '/api/destinations/intercom/mappings';
const ROUTES: Array<[string, string]> = [
  ['POST', MAPPINGS],
  ['PUT', `${MAPPINGS}/Track%20Event`],
  ['POST', `${MAPPINGS}/validate`],
  ['POST', `${MAPPINGS}/Track%20Event/test`],
  ['POST', '/api/destinations/intercom/event-tester'],
  ['POST', '/api/destinations'],
  ['POST', '/api/sources'],
];

/** `levels` arrays around a 1, as JSON text (no JSON.stringify: it could not write a value this deep). */
const deepJson = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const TOO_DEEP = error(400, 'FERRY_ERR_JSON_INVALID', 'the JSON body is nested deeper than 64 levels inside its top-level object');

async function send(app: Awaited<ReturnType<typeof open>>['app'], method: string, url: string, payload: string) {
  const answer = await app.inject({
    method: method as 'POST', url, payload, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  return { status: answer.statusCode, body: answer.json() };
}

describe('admin API JSON bodies', () => {
  it.each(ROUTES)('%s %s: a body nested 10,000 deep gets a 400 naming the limit, and nothing changes', async (method, url) => {
    const control = await open();
    const bodies = [
      `{"name":"Deep","action":"trackEvent","mapping":{"metadata":${deepJson(10_000)}}}`,
      `{"event":{"type":"track","userId":"u1","event":"E","properties":{"a":${deepJson(10_000)}}}}`,
    ];
    for (const body of bodies) expect(await send(control.app, method, url, body)).toEqual(TOO_DEEP);
    expect(control.changes()).toBe(0);
  });

  it('counts the levels inside the top-level object: what it carries may nest 64 deep, like a tracking body', async () => {
    const control = await open();
    const validate = (levels: number) =>
      send(control.app, 'POST', `${MAPPINGS}/validate`, `{"name":"A","action":"trackEvent","mapping":{"metadata":${deepJson(levels)}}}`);
    // The mapping object is level 1 and metadata's value level 2: 63 arrays make the mapping 64 deep.
    expect(await validate(63)).toEqual({ status: 200, body: { valid: true } });
    expect(await validate(64)).toEqual(TOO_DEEP);
  });

  it('refuses a body over 1 MB with a 400 (not a bare 413), before reading the rest', async () => {
    const control = await open();
    const body = JSON.stringify({ event: { type: 'track', userId: 'u1', event: 'E', properties: { blob: 'x'.repeat(1024 * 1024) } } });
    expect(await send(control.app, 'POST', '/api/destinations/intercom/event-tester', body)).toEqual(
      error(400, 'FERRY_ERR_REQUEST_TOO_LARGE', 'the request body is larger than 1 MB, the most the admin API reads'),
    );
  });

  it('still parses with fastify: broken JSON and __proto__ keys are 400s', async () => {
    const control = await open();
    expect(await send(control.app, 'POST', `${MAPPINGS}/validate`, '{"name":')).toMatchObject({ status: 400, body: { error: { code: 'FERRY_ERR_REQUEST_INVALID' } } });
    expect(await send(control.app, 'POST', `${MAPPINGS}/validate`, '{"name":"A","action":"trackEvent","__proto__":{"x":1}}'))
      .toMatchObject({ status: 400, body: { error: { code: 'FERRY_ERR_REQUEST_INVALID' } } });
  });
});
