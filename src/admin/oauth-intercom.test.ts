// Where OAuth goes for a destination, which client credentials it uses, and how GET /me's region is read.
import { describe, expect, it } from 'vitest';
import type { DestinationSettings } from '../config/model.js';
import { exchangeCode, isIntercomApi, oauthClient, oauthTarget, regionOf } from './oauth-intercom.js';

const settings = (extra: Partial<DestinationSettings> = {}): DestinationSettings => ({ region: 'us', apiVersion: '2.11', ...extra });

describe('oauthTarget', () => {
  it.each([
    ['us', 'https://app.intercom.com/oauth', 'https://api.intercom.io'],
    ['eu', 'https://app.eu.intercom.com/oauth', 'https://api.eu.intercom.io'],
    ['au', 'https://app.au.intercom.com/oauth', 'https://api.au.intercom.io'],
  ] as const)('region %s -> Intercom hosts', (region, authorizeUrl, apiBase) => {
    expect(oauthTarget(settings({ region, accessToken: 't' }), undefined)).toEqual({ authorizeUrl, apiBase, custom: false });
    expect(isIntercomApi(apiBase)).toBe(true);
  });

  it('an endpoint override is the authorize page and API host, sandbox or not', () => {
    const expected = { authorizeUrl: 'http://127.0.0.1:4010/oauth', apiBase: 'http://127.0.0.1:4010', custom: true };
    expect(oauthTarget(settings({ endpoint: 'http://127.0.0.1:4010/' }), undefined)).toEqual(expected);
    expect(oauthTarget(settings({ endpoint: 'http://127.0.0.1:4010', accessToken: 't' }), 'http://127.0.0.1:9')).toEqual(expected);
    expect(isIntercomApi('http://127.0.0.1:4010')).toBe(false);
  });

  it('sandbox mode: a destination without credentials authorizes at the simulator; one with a token at Intercom', () => {
    expect(oauthTarget(settings({ region: 'eu' }), 'http://127.0.0.1:4010')).toEqual({
      authorizeUrl: 'http://127.0.0.1:4010/oauth', apiBase: 'http://127.0.0.1:4010', custom: true,
    });
    expect(oauthTarget(settings({ region: 'eu', accessToken: 't' }), 'http://127.0.0.1:4010').authorizeUrl).toBe('https://app.eu.intercom.com/oauth');
  });
});

describe('oauthClient', () => {
  it('uses INTERCOM_CLIENT_ID / INTERCOM_CLIENT_SECRET when both are set', () => {
    const env = { INTERCOM_CLIENT_ID: 'id', INTERCOM_CLIENT_SECRET: 'secret' };
    expect(oauthClient(false, env)).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(oauthClient(true, env)).toEqual({ clientId: 'id', clientSecret: 'secret' });
  });

  it("falls back to the simulator's client only for a target that is not Intercom", () => {
    expect(oauthClient(true, {})).toEqual({ clientId: 'sim_client', clientSecret: 'sim_secret' });
    expect(oauthClient(false, {})).toBe(
      "OAuth with Intercom needs INTERCOM_CLIENT_ID and INTERCOM_CLIENT_SECRET in ferry's environment (the client id and secret of your Intercom app)",
    );
  });

  it('names the half that is missing', () => {
    expect(oauthClient(true, { INTERCOM_CLIENT_ID: 'id' })).toMatch(/^OAuth with Intercom needs INTERCOM_CLIENT_SECRET in/);
    expect(oauthClient(false, { INTERCOM_CLIENT_SECRET: 's' })).toMatch(/^OAuth with Intercom needs INTERCOM_CLIENT_ID in/);
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
    expect(message).toMatch(/^could not reach Intercom at http:\/\/127\.0\.0\.1:9 to exchange the authorization code \(\w+\)$/);
    expect(message).not.toContain('the-code-123');
    expect(message).not.toContain('the-secret-456');
  });
});
