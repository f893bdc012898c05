// Where OAuth goes for a destination, which client credentials it uses, and how GET /me's region is read.
import { describe, expect, it } from 'vitest';
import { apiBaseRefusal, authorizeUrlFor, exchangeCode, isIntercomApi, oauthClient, oauthTarget, regionOf } from './oauth.js';
import type { IntercomSettings } from './settings.js';

const settings = (extra: Partial<IntercomSettings> = {}): IntercomSettings => ({ region: 'us', apiVersion: '2.11', ...extra });

describe('oauthTarget', () => {
  it.each([
    ['us', 'https://app.intercom.com/oauth', 'https://api.intercom.io'],
    ['eu', 'https://app.eu.intercom.com/oauth', 'https://api.eu.intercom.io'],
    ['au', 'https://app.au.intercom.com/oauth', 'https://api.au.intercom.io'],
  ] as const)('region %s -> Intercom hosts', (region, authorizeUrl, apiBase) => {
    expect(oauthTarget(settings({ region, accessToken: 't' }), undefined)).toEqual({ apiBase, custom: false });
    expect(authorizeUrlFor(apiBase)).toBe(authorizeUrl);
    expect(isIntercomApi(apiBase)).toBe(true);
    // The region's own host written as an endpoint is still Intercom.
    expect(oauthTarget(settings({ region, endpoint: `${apiBase.toUpperCase().replace('HTTPS', 'https')}/` }), undefined)).toEqual({ apiBase, custom: false });
  });

  it('an endpoint override is the authorize page and API host, sandbox or not', () => {
    const expected = { apiBase: 'http://127.0.0.1:4010', custom: true };
    expect(oauthTarget(settings({ endpoint: 'http://127.0.0.1:4010/' }), undefined)).toEqual(expected);
    expect(oauthTarget(settings({ endpoint: 'http://127.0.0.1:4010', accessToken: 't' }), 'http://127.0.0.1:9')).toEqual(expected);
    expect(authorizeUrlFor('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/oauth');
    expect(isIntercomApi('http://127.0.0.1:4010')).toBe(false);
  });

  it('sandbox mode: a destination without credentials authorizes at the simulator; one with a token at Intercom', () => {
    expect(oauthTarget(settings({ region: 'eu' }), 'http://127.0.0.1:4010')).toEqual({ apiBase: 'http://127.0.0.1:4010', custom: true });
    expect(oauthTarget(settings({ region: 'eu', accessToken: 't' }), 'http://127.0.0.1:4010').apiBase).toBe('https://api.eu.intercom.io');
  });
});

const CUSTOM = { allowCustom: true, trusted: [] };
const INTERCOM_ONLY = { allowCustom: false, trusted: ['http://127.0.0.1:4010'] };

describe('oauthClient', () => {
  it('uses INTERCOM_CLIENT_ID / INTERCOM_CLIENT_SECRET when both are set', () => {
    const env = { INTERCOM_CLIENT_ID: 'id', INTERCOM_CLIENT_SECRET: 'secret' };
    expect(oauthClient(false, INTERCOM_ONLY, env)).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(oauthClient(false, CUSTOM, env)).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(oauthClient(true, CUSTOM, env)).toEqual({ clientId: 'id', clientSecret: 'secret' });
  });

  it('never gives the real client secret to a target that is not Intercom unless custom endpoints are allowed (R22)', () => {
    const env = { INTERCOM_CLIENT_ID: 'id', INTERCOM_CLIENT_SECRET: 'secret' };
    expect(oauthClient(true, INTERCOM_ONLY, env)).toEqual({ clientId: 'sim_client', clientSecret: 'sim_secret' });
  });

  it("falls back to the simulator's client only for a target that is not Intercom", () => {
    expect(oauthClient(true, CUSTOM, {})).toEqual({ clientId: 'sim_client', clientSecret: 'sim_secret' });
    expect(oauthClient(true, INTERCOM_ONLY, {})).toEqual({ clientId: 'sim_client', clientSecret: 'sim_secret' });
    expect(oauthClient(false, CUSTOM, {})).toBe(
      "OAuth with Intercom needs INTERCOM_CLIENT_ID and INTERCOM_CLIENT_SECRET in ferry's environment (the client id and secret of your Intercom app)",
    );
  });

  it('names the half that is missing', () => {
    expect(oauthClient(true, CUSTOM, { INTERCOM_CLIENT_ID: 'id' })).toMatch(/^OAuth with Intercom needs INTERCOM_CLIENT_SECRET in/);
    expect(oauthClient(false, CUSTOM, { INTERCOM_CLIENT_SECRET: 's' })).toMatch(/^OAuth with Intercom needs INTERCOM_CLIENT_ID in/);
  });
});

describe('apiBaseRefusal', () => {
  it("allows Intercom's hosts always, the trusted simulator, and anything only when custom endpoints are allowed", () => {
    for (const base of ['https://api.intercom.io', 'https://api.eu.intercom.io', 'https://api.au.intercom.io', 'http://127.0.0.1:4010']) {
      expect(apiBaseRefusal(base, INTERCOM_ONLY)).toBeUndefined();
    }
    expect(apiBaseRefusal('https://api.intercom.io.evil.example', CUSTOM)).toBeUndefined();
    expect(apiBaseRefusal('https://api.intercom.io.evil.example', INTERCOM_ONLY)).toMatch(/FERRY_ALLOW_CUSTOM_ENDPOINTS=1/);
  });
});

describe('regionOf', () => {
  it.each([['US', 'us'], ['EU', 'eu'], ['AU', 'au'], ['Europe', 'eu'], ['australia', 'au'], [' us ', 'us']])('%j -> %s', (given, region) => {
    expect(regionOf(given)).toBe(region);
  });

  it.each([undefined, null, 3, '', 'mars', 'constructor', '__proto__'])('%j -> undefined', (given) => {
    expect(regionOf(given)).toBeUndefined();
  });
});

describe('exchangeCode', () => {
  it('names the unreachable host without the code or the secret', async () => {
    const result = await exchangeCode('http://127.0.0.1:9', 'the-code-123', { clientId: 'c', clientSecret: 'the-secret-456' });
    expect(result.ok).toBe(false);
    const message = (result as { message: string }).message;
    // The same sentence for a refused port as for a filtered one.
    expect(message).toBe('no answer from Intercom at http://127.0.0.1:9 (the connection failed or timed out) to exchange the authorization code');
    expect(message).not.toContain('the-code-123');
    expect(message).not.toContain('the-secret-456');
  });
});
