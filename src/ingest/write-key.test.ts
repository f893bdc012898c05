// writeKeyOf: the Basic auth user name, else the body's writeKey; nothing else counts as a credential.
import { describe, expect, it } from 'vitest';
import { basicAuthUser, writeKeyOf } from './write-key.js';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('basicAuthUser', () => {
  it('reads the user name whatever the password, and any case of the scheme', () => {
    expect(basicAuthUser(basic('wk:'))).toBe('wk');
    expect(basicAuthUser(basic('wk:secret:with:colons'))).toBe('wk');
    expect(basicAuthUser(basic('wk'))).toBe('wk');
    expect(basicAuthUser(`basic ${Buffer.from('wk:').toString('base64')}`)).toBe('wk');
  });
  it('is undefined for other schemes, an empty user or no header', () => {
    expect(basicAuthUser('Bearer wk')).toBeUndefined();
    expect(basicAuthUser(basic(':password'))).toBeUndefined();
    expect(basicAuthUser('Basic')).toBeUndefined();
    expect(basicAuthUser(undefined)).toBeUndefined();
  });
});

describe('writeKeyOf', () => {
  it('prefers the Basic header, else a non-empty string writeKey in the body', () => {
    expect(writeKeyOf(basic('header-key:'), { writeKey: 'body-key' })).toBe('header-key');
    expect(writeKeyOf(undefined, { writeKey: 'body-key' })).toBe('body-key');
    expect(writeKeyOf('Bearer body-key', { writeKey: 'body-key' })).toBe('body-key');
  });
  it('accepts nothing else as a credential', () => {
    expect(writeKeyOf('Bearer wk', {})).toBeUndefined();
    expect(writeKeyOf(undefined, { writeKey: '' })).toBeUndefined();
    expect(writeKeyOf(undefined, { writeKey: 42 })).toBeUndefined();
    expect(writeKeyOf(undefined, { batch: [{ writeKey: 'wk' }] })).toBeUndefined();
    expect(writeKeyOf(undefined, '{"writeKey":"wk"}')).toBeUndefined();
  });
});
