// R22: which endpoints may carry a destination's credentials, as the operator's environment allows.
import { describe, expect, it } from 'vitest';
import { clientForSettings, EndpointRefusedError } from './for-settings.js';
import { endpointPolicyFromEnv, endpointRefusal, sameEndpoint } from './endpoint-policy.js';

const STRICT = endpointPolicyFromEnv({});
const refusal = (endpoint: string, region: 'us' | 'eu' | 'au' = 'us') => endpointRefusal({ region, endpoint }, STRICT);

describe('endpointPolicyFromEnv', () => {
  it('allows custom endpoints only for FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (or true)', () => {
    for (const value of ['1', 'true', ' TRUE ']) expect(endpointPolicyFromEnv({ FERRY_ALLOW_CUSTOM_ENDPOINTS: value }).allowCustom).toBe(true);
    for (const value of [undefined, '', '0', 'false', 'no']) expect(endpointPolicyFromEnv({ FERRY_ALLOW_CUSTOM_ENDPOINTS: value }).allowCustom).toBe(false);
  });
});

describe('endpointRefusal', () => {
  it("allows no endpoint (the region's host) and the region's own host however it is written", () => {
    expect(endpointRefusal({ region: 'us' }, STRICT)).toBeUndefined();
    expect(endpointRefusal({ region: 'us', endpoint: '  ' }, STRICT)).toBeUndefined();
    expect(refusal('https://api.intercom.io')).toBeUndefined();
    expect(refusal('HTTPS://API.Intercom.io:443/')).toBeUndefined();
    expect(refusal('https://api.eu.intercom.io', 'eu')).toBeUndefined();
    expect(refusal('https://api.au.intercom.io/', 'au')).toBeUndefined();
  });

  it.each([
    'https://169.254.169.254', 'http://[::1]:4010', 'http://0x7f000001', 'https://api.intercom.io.evil.example',
    'http://api.intercom.io', 'https://api.intercom.io:8443', 'https://api.intercom.io/proxy', 'http://127.0.0.1:4010',
  ])('refuses %s, naming FERRY_ALLOW_CUSTOM_ENDPOINTS', (endpoint) => {
    expect(refusal(endpoint)).toBe(
      `is not Intercom's host for region "us" (https://api.intercom.io): the access token is sent only to Intercom, ` +
        'unless ferry is started with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (for the simulator or a proxy); leave endpoint out to deliver to Intercom',
    );
  });

  it("refuses another region's host: data residency", () => {
    expect(refusal('https://api.eu.intercom.io', 'us')).toBe(
      'is Intercom\'s host for region "eu", not for this destination\'s region "us": set region to "eu" and leave endpoint out',
    );
  });

  it('allows anything with FERRY_ALLOW_CUSTOM_ENDPOINTS=1, and only the trusted sandbox simulator without it', () => {
    const custom = endpointPolicyFromEnv({ FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' });
    expect(endpointRefusal({ endpoint: 'http://127.0.0.1:4010' }, custom)).toBeUndefined();
    const sandbox = endpointPolicyFromEnv({}, ['http://127.0.0.1:4010']);
    expect(endpointRefusal({ endpoint: 'http://127.0.0.1:4010/' }, sandbox)).toBeUndefined();
    expect(endpointRefusal({ endpoint: 'http://127.0.0.1:4011' }, sandbox)).toMatch(/FERRY_ALLOW_CUSTOM_ENDPOINTS=1/);
  });
});

describe('sameEndpoint', () => {
  it('compares where requests go: absent and empty alike, trailing slashes and case ignored', () => {
    expect(sameEndpoint(undefined, '')).toBe(true);
    expect(sameEndpoint('http://127.0.0.1:4010', 'http://127.0.0.1:4010/')).toBe(true);
    expect(sameEndpoint('HTTP://LOCALHOST:4010', 'http://localhost:4010')).toBe(true);
    expect(sameEndpoint(undefined, 'http://127.0.0.1:4010')).toBe(false);
    expect(sameEndpoint('http://127.0.0.1:4010', 'http://127.0.0.1:4011')).toBe(false);
  });
});

describe('clientForSettings', () => {
  it('builds no client (so sends nothing) for a refused endpoint', () => {
    expect(() => clientForSettings({ accessToken: 't', endpoint: 'https://169.254.169.254' }, STRICT)).toThrow(EndpointRefusedError);
  });

  it("builds a client for the region's host", async () => {
    const client = clientForSettings({ accessToken: 't', region: 'eu' }, STRICT);
    expect(client.baseUrl).toBe('https://api.eu.intercom.io');
    await client.close();
  });
});
