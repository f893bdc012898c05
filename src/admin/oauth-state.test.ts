// The OAuth state: signed, bound to a destination, expiring; anything altered or foreign is refused.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OAUTH_STATE_TTL_MS, createState, verifyState } from './oauth-state.js';

const key = randomBytes(32);
const input = { destinationId: 'intercom', apiBase: 'https://api.intercom.io' };

describe('OAuth state', () => {
  it('verifies what it created: destination, api base, nonce and a 10-minute expiry', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const { value, state } = createState(input, key, { now });
    expect(value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(state.expiresAt.getTime() - now.getTime()).toBe(OAUTH_STATE_TTL_MS);
    expect(OAUTH_STATE_TTL_MS).toBe(600_000);
    expect(verifyState(value, key, now)).toEqual({ ok: true, state });
    expect(state.destinationId).toBe('intercom');
    expect(state.apiBase).toBe('https://api.intercom.io');
  });

  it('gives every state its own nonce', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createState(input, key).state.nonce));
    expect(nonces.size).toBe(50);
  });

  it('refuses an expired state (injected clock and TTL)', () => {
    const { value } = createState(input, key, { ttlMs: 1000, now: new Date(0) });
    expect(verifyState(value, key, new Date(999)).ok).toBe(true);
    expect(verifyState(value, key, new Date(1000))).toEqual({ ok: false, reason: 'expired' });
    const old = createState(input, key, { now: new Date(Date.now() - OAUTH_STATE_TTL_MS - 1) });
    expect(verifyState(old.value, key)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a state signed with another key', () => {
    const { value } = createState(input, randomBytes(32));
    expect(verifyState(value, key)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a payload changed to another destination, even with the signature kept', () => {
    const { value } = createState(input, key);
    const [payload, signature] = value.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, d: 'other' })).toString('base64url');
    expect(verifyState(`${forged}.${signature}`, key)).toEqual({ ok: false, reason: 'signature' });
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BA' : 'AA');
    expect(verifyState(`${payload}.${flipped}`, key)).toEqual({ ok: false, reason: 'signature' });
  });

  it.each(['', 'abc', 'a.b', 'a.b.c', `${'x'.repeat(10)}.${'y'.repeat(42)}`, ' . '])('refuses the malformed %j', (value) => {
    expect(verifyState(value, key)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a signed payload of the wrong shape', async () => {
    const { createHmac, hkdfSync } = await import('node:crypto');
    const signed = (claims: unknown) => {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const k = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'ferry oauth state v1', 32));
      return `${payload}.${createHmac('sha256', k).update(payload).digest('base64url')}`;
    };
    expect(verifyState(signed({ d: 'x', n: 'y', e: Date.now() + 1000, a: 'https://api.intercom.io' }), key).ok).toBe(true);
    expect(verifyState(signed({ d: 'x', n: 'y', e: 'soon', a: 'https://api.intercom.io' }), key)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyState(signed(null), key)).toEqual({ ok: false, reason: 'malformed' });
  });
});
