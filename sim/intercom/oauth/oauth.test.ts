// OAuth: the authorize page lists the workspaces, its form redirects with a code, the code buys one token once.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const REDIRECT = 'http://127.0.0.1:9/cb';
const CLIENT = { client_id: 'sim_client', client_secret: 'sim_secret' };
const INVALID_GRANT = expectedError('invalid_grant', 'The authorization code is invalid, expired or already used');

type Sim = ReturnType<typeof useSimulator>;

const form = (fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  token: null,
});

function authorizePage(sim: Sim, params: Record<string, string>) {
  return sim.api('GET', `/oauth?${new URLSearchParams(params)}`, undefined, { token: null });
}

/** Submits the authorize form for one workspace and returns the code from the redirect. */
async function authorize(sim: Sim, workspace: string, state = 's1'): Promise<string> {
  const res = await sim.api('POST', '/oauth/authorize', undefined, form({
    client_id: 'sim_client', state, redirect_uri: REDIRECT, workspace,
  }));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe(state);
  return location.searchParams.get('code')!;
}

const exchange = (sim: Sim, code: string, client: Record<string, string> = CLIENT) =>
  sim.api('POST', '/auth/eagle/token', { code, ...client }, { token: null });

describe('OAuth', () => {
  const sim = useSimulator({
    oauthClients: [{ clientId: 'sim_client', clientSecret: 'sim_secret' }, { clientId: 'second_client', clientSecret: 'second_secret' }],
  });

  async function addEurope() {
    const created = await sim.control('POST', '/workspaces', { name: 'Europe Co', region: 'EU', id_code: 'eu1' });
    expect(created.status).toBe(200);
  }

  it('GET /oauth shows an HTML page with a form for every workspace', async () => {
    await addEurope();
    const res = await authorizePage(sim, { client_id: 'sim_client', state: 's1', redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text).toContain('<h1>Choose the Intercom workspace to connect</h1>');
    const forms = res.text.match(/<form method="post" action="\/oauth\/authorize">.*?<\/form>/g) ?? [];
    expect(forms).toHaveLength(2);
    const hidden = (html: string) =>
      Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(forms.map(hidden)).toEqual([
      { client_id: 'sim_client', state: 's1', redirect_uri: REDIRECT, workspace: 'sandbox1' },
      { client_id: 'sim_client', state: 's1', redirect_uri: REDIRECT, workspace: 'eu1' },
    ]);
    expect(forms[0]).toContain('Connect Sandbox (US)');
    expect(forms[1]).toContain('Connect Europe Co (EU)');
  });

  it('escapes what the query puts into the page', async () => {
    const state = '"><script>alert(1)</script>';
    const res = await authorizePage(sim, { client_id: 'sim_client', state, redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it.each([
    [{ client_id: 'nope', state: 's1', redirect_uri: REDIRECT }, 'Unknown client_id.'],
    [{ state: 's1', redirect_uri: REDIRECT }, 'Unknown client_id.'],
    [{ client_id: 'sim_client', state: 's1' }, 'redirect_uri must be an http(s) URL.'],
    [{ client_id: 'sim_client', redirect_uri: 'not a url' }, 'redirect_uri must be an http(s) URL.'],
    [{ client_id: 'sim_client', redirect_uri: 'javascript:alert(1)' }, 'redirect_uri must be an http(s) URL.'],
    [{ client_id: 'sim_client', redirect_uri: 'ftp://127.0.0.1/cb' }, 'redirect_uri must be an http(s) URL.'],
  ])('GET /oauth with %j -> 400 page', async (params, message) => {
    const res = await authorizePage(sim, params);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<h1>Authorization failed</h1>');
    expect(res.text).toContain(`<p id="error">${message}</p>`);
    expect(res.text).not.toContain('<form');
  });

  it('the form redirects with a code and the state; the code buys a token for the chosen workspace', async () => {
    await addEurope();
    const code = await authorize(sim, 'eu1');
    expect(code).toMatch(/^[0-9a-f]{32}$/);
    const res = await exchange(sim, code);
    expect(res.status).toBe(200);
    const token = res.body.token;
    expect(res.body).toEqual({ token_type: 'Bearer', token, access_token: token });
    expect(token).toMatch(/^\S{20,}$/);
    const me = await sim.api('GET', '/me', undefined, { token });
    expect(me.status).toBe(200);
    expect(me.body.app).toMatchObject({ id_code: 'eu1', name: 'Europe Co', region: 'EU' });
  });

  it('keeps the query of the redirect_uri and answers without a state', async () => {
    const res = await sim.api('POST', '/oauth/authorize', undefined, form({
      client_id: 'sim_client', redirect_uri: 'https://example.com/cb?tenant=7', workspace: 'sandbox1',
    }));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://example.com/cb');
    expect([...location.searchParams.keys()]).toEqual(['tenant', 'code']);
    expect(location.searchParams.get('tenant')).toBe('7');
  });

  it('a code works once: the second exchange -> 400 invalid_grant', async () => {
    const code = await authorize(sim, 'sandbox1');
    expect((await exchange(sim, code)).status).toBe(200);
    const again = await exchange(sim, code);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(INVALID_GRANT);
  });

  it('an unknown or missing code -> 400 invalid_grant', async () => {
    for (const code of ['0123456789abcdef0123456789abcdef', '']) {
      const res = await exchange(sim, code);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(INVALID_GRANT);
    }
    const noCode = await sim.api('POST', '/auth/eagle/token', CLIENT, { token: null });
    expect(noCode.body).toEqual(INVALID_GRANT);
  });

  it('wrong client credentials -> 401, and the code is not spent by them', async () => {
    const code = await authorize(sim, 'sandbox1');
    const wrong: Array<Record<string, string>> = [
      { client_id: 'sim_client', client_secret: 'wrong' },
      { client_id: 'nope', client_secret: 'sim_secret' },
      { client_id: 'sim_client' },
    ];
    for (const client of wrong) {
      const res = await exchange(sim, code, client);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expectedError('unauthorized', 'Client credentials are invalid'));
    }
    expect((await exchange(sim, code)).status).toBe(200);
  });

  it('accepts a form-encoded token request', async () => {
    const code = await authorize(sim, 'sandbox1');
    const res = await sim.api('POST', '/auth/eagle/token', undefined, form({ code, ...CLIENT }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token_type: 'Bearer', token: res.body.token, access_token: res.body.token });
    expect((await sim.api('GET', '/me', undefined, { token: res.body.token })).body.app.id_code).toBe('sandbox1');
  });

  it('refuses the form for an unknown workspace or client, without a redirect', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ client_id: 'sim_client', state: 's1', redirect_uri: REDIRECT, workspace: 'nope' }, 'Unknown workspace.'],
      [{ client_id: 'sim_client', state: 's1', redirect_uri: REDIRECT }, 'Unknown workspace.'],
      [{ client_id: 'nope', state: 's1', redirect_uri: REDIRECT, workspace: 'sandbox1' }, 'Unknown client_id.'],
      [{ client_id: 'sim_client', redirect_uri: 'ftp://x/cb', workspace: 'sandbox1' }, 'redirect_uri must be an http(s) URL.'],
    ];
    for (const [fields, message] of cases) {
      const res = await sim.api('POST', '/oauth/authorize', undefined, form(fields));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.text).toContain(`<p id="error">${message}</p>`);
    }
  });

  it('each authorization gives a new token; all of them share the workspace rate-limit budget', async () => {
    const first = (await exchange(sim, await authorize(sim, 'sandbox1'))).body.token;
    const second = (await exchange(sim, await authorize(sim, 'sandbox1'))).body.token;
    expect(first).not.toBe(second);
    const remaining = [];
    for (const token of [first, second, 'sim_token']) {
      remaining.push(Number((await sim.api('GET', '/me', undefined, { token })).headers.get('x-ratelimit-remaining')));
    }
    // Within one 10-second window the shared budget counts down; across a boundary it restarts.
    expect(remaining[0]! - remaining[2]!).toSatisfy((d: number) => d === 2 || d < 0);
  });

  it('a code issued to one client cannot be exchanged by another', async () => {
    const code = await authorize(sim, 'sandbox1');
    const res = await exchange(sim, code, { client_id: 'second_client', client_secret: 'second_secret' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID_GRANT);
  });

  it('tokens issued by OAuth are forgotten on reset', async () => {
    const token = (await exchange(sim, await authorize(sim, 'sandbox1'))).body.token;
    await sim.control('POST', '/reset');
    const me = await sim.api('GET', '/me', undefined, { token });
    expect(me.status).toBe(401);
    expect(me.body).toEqual(expectedError('unauthorized', 'Access Token Invalid'));
  });
});

describe('OAuth codes that expire quickly', () => {
  const sim = useSimulator({ oauthCodeTtlMs: 50 });

  it('an expired code -> 400 invalid_grant', async () => {
    const code = await authorize(sim, 'sandbox1');
    await sleep(100);
    const res = await exchange(sim, code);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID_GRANT);
  });
});
