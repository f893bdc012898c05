// baseUrlFor and splitBaseUrl: regional hosts, endpoint overrides, refusals.
import { describe, expect, it } from 'vitest';
import { INTERCOM_API_VERSION, baseUrlFor, splitBaseUrl, type Region } from './region.js';

describe('baseUrlFor', () => {
  it('maps each region to its host, US by default', () => {
    expect(baseUrlFor({})).toBe('https://api.intercom.io');
    expect(baseUrlFor({ region: 'us' })).toBe('https://api.intercom.io');
    expect(baseUrlFor({ region: 'eu' })).toBe('https://api.eu.intercom.io');
    expect(baseUrlFor({ region: 'au' })).toBe('https://api.au.intercom.io');
    expect(INTERCOM_API_VERSION).toBe('2.11');
  });

  it('prefers the endpoint override, trailing slashes and spaces trimmed', () => {
    expect(baseUrlFor({ region: 'eu', endpoint: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(baseUrlFor({ endpoint: ' https://proxy.example.com/intercom// ' })).toBe('https://proxy.example.com/intercom');
  });

  it('treats an empty endpoint as unset', () => {
    expect(baseUrlFor({ region: 'au', endpoint: '' })).toBe('https://api.au.intercom.io');
    expect(baseUrlFor({ region: 'au', endpoint: '   ' })).toBe('https://api.au.intercom.io');
  });

  it('refuses an unknown region instead of sending data to the US host', () => {
    expect(() => baseUrlFor({ region: 'EU' as Region })).toThrow("unknown Intercom region 'EU'");
    expect(() => baseUrlFor({ region: 'toString' as Region })).toThrow(/unknown Intercom region/);
  });
});

describe('splitBaseUrl', () => {
  it('splits origin and path prefix', () => {
    expect(splitBaseUrl('https://api.intercom.io')).toEqual({ origin: 'https://api.intercom.io', pathPrefix: '' });
    expect(splitBaseUrl('http://proxy:8080/intercom')).toEqual({ origin: 'http://proxy:8080', pathPrefix: '/intercom' });
  });

  it('refuses what cannot be an API base', () => {
    expect(() => splitBaseUrl('api.intercom.io')).toThrow(/not a URL/);
    expect(() => splitBaseUrl('file:///etc/passwd')).toThrow(/http or https/);
    expect(() => splitBaseUrl('https://user:pw@api.intercom.io')).toThrow(/credentials/);
    expect(() => splitBaseUrl('https://api.intercom.io?x=1')).toThrow(/query/);
  });
});
