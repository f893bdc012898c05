// Sign-in for browsers: the admin token once for a session cookie; CSRF on state changes; expiry; sign-out; Bearer unchanged.
import { describe, expect, it } from 'vitest';
import { hashToken } from '../auth.js';
import { SESSION_TTL_MS } from '../session.js';
import { TOKEN, UNAUTHORIZED, useControlApp, type ControlApp } from '../test-support/control-app.js';

const T0 = new Date('2025-06-01T08:00:00.000Z');
const ENDED = {
  error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'the session has expired or was signed out: sign in again with the admin token (POST /api/session)' },
};
const CSRF = {
  error: {
    code: 'FERRY_ERR_CSRF',
    message: "a request that changes something with a session cookie needs the X-CSRF-Token header set to the session's csrfToken " +
      '(from POST or GET /api/session); a form posted from another site never has it',
  },
};
const CLEARED = [
  'ferry_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
  'ferry_signed_in=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Strict',
];

async function signIn(c: ControlApp, token = TOKEN) {
  const answer = await c.app.inject({ method: 'POST', url: '/api/session', payload: { token } });
  const setCookie = answer.headers['set-cookie'] as string[] | undefined;
  const id = setCookie === undefined ? undefined : /^ferry_session=([^;]*)/.exec(setCookie[0]!)?.[1];
  return { status: answer.statusCode, body: answer.json(), setCookie, id: id!, csrf: answer.json().csrfToken as string };
}

/** A browser's request: the cookie, no Authorization header, and whatever else is given. */
async function withCookie(c: ControlApp, method: string, url: string, id: string, headers: Record<string, string> = {}, payload?: string) {
  const answer = await c.app.inject({ method: method as 'GET', url, headers: { cookie: `ferry_session=${id}`, ...headers }, ...(payload === undefined ? {} : { payload }) });
  return { status: answer.statusCode, body: answer.body === '' ? undefined : answer.json(), setCookie: answer.headers['set-cookie'] };
}

const json = { 'content-type': 'application/json' };
const sessionRows = (c: ControlApp) => c.store.db.prepare('SELECT * FROM admin_sessions').all() as { id_hash: string }[];
const sourceIds = async (c: ControlApp) => (await c.store.listSources()).map((s) => s.id);

describe('POST /api/session (sign-in)', () => {
  const open = useControlApp();
  const sessions = { now: () => T0 };

  it('answers 200 {expiresAt, csrfToken} and an HttpOnly, SameSite=Strict cookie for 12 hours; the store keeps only its hash', async () => {
    const c = await open(undefined, undefined, { sessions });
    const signed = await signIn(c);
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ expiresAt: new Date(T0.getTime() + SESSION_TTL_MS).toISOString(), csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect(SESSION_TTL_MS).toBe(12 * 3600 * 1000);
    expect(signed.id).toMatch(/^[\w-]{43}$/);
    expect(signed.setCookie).toEqual([
      `ferry_session=${signed.id}; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`,
      // no secret: it tells the web app a session may exist, so a first visit shows sign-in without a 401
      'ferry_signed_in=1; Max-Age=43200; Path=/; SameSite=Strict',
    ]);
    expect(sessionRows(c)).toEqual([expect.objectContaining({ id_hash: hashToken(signed.id) })]);
    expect(JSON.stringify(sessionRows(c))).not.toContain(signed.id);
    // Two sign-ins are two sessions with their own CSRF tokens.
    const again = await signIn(c);
    expect(again.id).not.toBe(signed.id);
    expect(again.csrf).not.toBe(signed.csrf);
  });

  it('adds Secure when ferry is reached over https', async () => {
    const c = await open(undefined, undefined, { publicUrl: 'https://ferry.example' });
    const signed = await signIn(c);
    expect(signed.setCookie).toEqual([
      `ferry_session=${signed.id}; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Strict`,
      // no secret: it tells the web app a session may exist, so a first visit shows sign-in without a 401
      'ferry_signed_in=1; Max-Age=43200; Path=/; Secure; SameSite=Strict',
    ]);
  });

  it('refuses a wrong token with 401 and no cookie, storing nothing; a body without a token is a 400', async () => {
    const c = await open();
    const wrong = await signIn(c, `${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'that is not the admin token' } });
    expect(wrong.setCookie).toBeUndefined();
    const missing = await c.app.inject({ method: 'POST', url: '/api/session', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('FERRY_ERR_REQUEST_INVALID');
    expect(missing.headers['set-cookie']).toBeUndefined();
    expect(sessionRows(c)).toEqual([]);
  });
});

describe('the session cookie on /api/*', () => {
  const open = useControlApp();
  let now = T0;
  const sessions = { now: () => now };

  it('reads with the cookie alone (GET /api/session, GET /api/sources); without it: 401', async () => {
    now = T0;
    const c = await open(undefined, undefined, { sessions });
    const { id, csrf } = await signIn(c);
    expect(await withCookie(c, 'GET', '/api/session', id)).toMatchObject({
      status: 200,
      body: { who: 'admin', signedInAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + SESSION_TTL_MS).toISOString(), csrfToken: csrf },
    });
    expect((await withCookie(c, 'GET', '/api/sources', id)).status).toBe(200);
    expect(await c.call('GET', '/api/sources', undefined, null)).toEqual(UNAUTHORIZED);
    expect(await c.call('GET', '/api/session', undefined, null)).toEqual(UNAUTHORIZED);
  });

  it('changes state only with X-CSRF-Token equal to the session\'s: none or another session\'s -> 403 FERRY_ERR_CSRF, right -> 201', async () => {
    const c = await open();
    const { id, csrf } = await signIn(c);
    const other = await signIn(c);
    const body = JSON.stringify({ id: 'api', name: 'Backend' });
    expect(await withCookie(c, 'POST', '/api/sources', id, json, body)).toMatchObject({ status: 403, body: CSRF });
    expect(await withCookie(c, 'POST', '/api/sources', id, { ...json, 'x-csrf-token': other.csrf }, body)).toMatchObject({ status: 403, body: CSRF });
    expect(await sourceIds(c)).toEqual(['web']);
    expect((await withCookie(c, 'POST', '/api/sources', id, { ...json, 'x-csrf-token': csrf }, body)).status).toBe(201);
    expect((await withCookie(c, 'PUT', '/api/sources/api', id, { ...json, 'x-csrf-token': csrf }, JSON.stringify({ name: 'B' }))).status).toBe(200);
    expect((await withCookie(c, 'DELETE', '/api/sources/api', id)).status).toBe(403);
    expect((await withCookie(c, 'DELETE', '/api/sources/api', id, { 'x-csrf-token': csrf })).status).toBe(204);
    expect(await sourceIds(c)).toEqual(['web']);
  });

  it('refuses a cross-site form post (urlencoded body, the cookie, no CSRF header) with 403, changing nothing', async () => {
    const c = await open();
    const { id } = await signIn(c);
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' };
    expect(await withCookie(c, 'POST', '/api/sources', id, form, 'id=evil&name=Evil')).toMatchObject({ status: 403, body: CSRF });
    expect(await withCookie(c, 'POST', '/api/sources/web/rotate-write-key', id, form, '')).toMatchObject({ status: 403, body: CSRF });
    expect((await c.store.listSources())).toEqual([{ id: 'web', name: 'Website', writeKey: 'wk-web-0123456789' }]);
  });

  it('signs out with DELETE /api/session (CSRF needed): the cookie is cleared and refused afterwards', async () => {
    const c = await open();
    const { id, csrf } = await signIn(c);
    expect(await withCookie(c, 'DELETE', '/api/session', id)).toMatchObject({ status: 403, body: CSRF });
    expect(await withCookie(c, 'DELETE', '/api/session', id, { 'x-csrf-token': csrf })).toEqual({ status: 204, body: undefined, setCookie: CLEARED });
    expect(sessionRows(c)).toEqual([]);
    expect(await withCookie(c, 'GET', '/api/sources', id)).toMatchObject({ status: 401, body: ENDED, setCookie: CLEARED });
    expect(await withCookie(c, 'GET', '/api/session', id)).toMatchObject({ status: 401, body: ENDED });
    expect(await withCookie(c, 'DELETE', '/api/session', id, { 'x-csrf-token': csrf })).toMatchObject({ status: 401, body: ENDED });
  });

  it('expires 12 hours after sign-in however much it is used (fixed, not sliding), then is refused and purged', async () => {
    now = T0;
    const c = await open(undefined, undefined, { sessions });
    const { id } = await signIn(c);
    now = new Date(T0.getTime() + SESSION_TTL_MS - 1);
    expect((await withCookie(c, 'GET', '/api/sources', id)).status).toBe(200);
    now = new Date(T0.getTime() + SESSION_TTL_MS);
    expect(await withCookie(c, 'GET', '/api/sources', id)).toMatchObject({ status: 401, body: ENDED, setCookie: CLEARED });
    expect(sessionRows(c)).toEqual([]);
  });

  it('a short lifetime option sets Max-Age and expiry to match', async () => {
    now = T0;
    const c = await open(undefined, undefined, { sessions: { ...sessions, ttlMs: 60_000 } });
    const signed = await signIn(c);
    expect(signed.setCookie).toEqual([
      `ferry_session=${signed.id}; Max-Age=60; Path=/; HttpOnly; SameSite=Strict`,
      // no secret: it tells the web app a session may exist, so a first visit shows sign-in without a 401
      'ferry_signed_in=1; Max-Age=60; Path=/; SameSite=Strict',
    ]);
    now = new Date(T0.getTime() + 60_000);
    expect((await withCookie(c, 'GET', '/api/session', signed.id)).status).toBe(401);
  });

  it('ends a session signed in with an admin token that has since changed', async () => {
    const c = await open();
    const id = 'session-of-the-old-admin-token-0123456789ab';
    await c.store.createSession({
      idHash: hashToken(id), csrfToken: 'c', tokenHash: hashToken('the-old-admin-token-0123456789'),
      createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(await withCookie(c, 'GET', '/api/sources', id)).toMatchObject({ status: 401, body: ENDED });
    expect(sessionRows(c)).toEqual([]);
  });

  it('keeps the Bearer token working, with no CSRF header, and a made-up cookie is refused', async () => {
    const c = await open();
    expect((await c.call('POST', '/api/sources', { id: 'api' })).status).toBe(201);
    expect((await c.call('DELETE', '/api/sources/api')).status).toBe(204);
    expect(await withCookie(c, 'GET', '/api/sources', 'made-up')).toMatchObject({ status: 401, body: ENDED });
  });

  it('leaves the OAuth pages public: a bad state gets their page (403), not the API\'s 401', async () => {
    const c = await open();
    const answer = await c.app.inject({ method: 'GET', url: '/oauth/intercom/begin?state=bogus' });
    expect(answer.statusCode).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
  });
});
