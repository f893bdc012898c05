// Sign-in through a real `ferry start` over HTTP: the cookie a browser gets behind https, CSRF, sign-out.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../commands/test-support/ferry.js';
import { startFerryProcess, type FerryProcess } from './test-support/ferry-process.js';

const TOKEN = 'session-e2e-admin-token-0123456789';
let ferry: FerryProcess | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

it('signs in, reads with the cookie, refuses a cross-site form post, changes with X-CSRF-Token, signs out', async () => {
  const env = { ...process.env, CI: '1', FERRY_ADMIN_TOKEN: TOKEN, FERRY_PUBLIC_URL: 'https://ferry.example' };
  ferry = await startFerryProcess(['--port', '0', '--sim-port', '0', '--data-dir', join(tempDir('ferry-session-'), 'data')], env);
  const url = ferry.url;

  const wrong = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'nope' }) });
  expect(wrong.status).toBe(401);
  expect(wrong.headers.getSetCookie()).toEqual([]);

  const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
  expect(signIn.status).toBe(200);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const [setCookie] = signIn.headers.getSetCookie();
  expect(setCookie).toMatch(/^ferry_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
  const cookie = setCookie!.split(';')[0]!;

  expect((await fetch(`${url}/api/sources`, { headers: { cookie } })).status).toBe(200);
  const form = await fetch(`${url}/api/sources`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'id=evil',
  });
  expect(form.status).toBe(403);
  expect(((await form.json()) as { error: { code: string } }).error.code).toBe('FERRY_ERR_CSRF');
  const created = await fetch(`${url}/api/sources`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ id: 'app' }),
  });
  expect(created.status).toBe(201);

  const signOut = await fetch(`${url}/api/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
  expect(signOut.status).toBe(204);
  expect(signOut.headers.getSetCookie()[0]).toMatch(/^ferry_session=; Max-Age=0;/);
  expect((await fetch(`${url}/api/sources`, { headers: { cookie } })).status).toBe(401);
  // The Bearer token is unchanged.
  expect((await fetch(`${url}/api/sources`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
}, 30_000);
