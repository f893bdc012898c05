// AES-256-GCM secrets at rest: round trip, fresh IVs, tamper and wrong-key detection with clear errors.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { isSealed, openSecret, sealSecret, SEALED_PREFIX } from './secrets.js';
import { SettingsSealer } from './settings-secrets.js';

const KEY = randomBytes(32);
const CONTEXT = 'accessToken of destination "d1"';

function thrown(run: () => unknown): FerryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FerryError);
    return error as FerryError;
  }
  throw new Error('expected an error');
}

/** The sealed value with one byte of its decoded body flipped at `index`. */
function flip(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
  bytes[index] = bytes[index]! ^ 0x01;
  return SEALED_PREFIX + bytes.toString('base64');
}

describe('sealSecret / openSecret', () => {
  it('round-trips any text, with a fresh IV every time', () => {
    for (const plaintext of ['dG9rOmFiYzEyMw==', '', 'é ✓ 𝄞', 'x'.repeat(10_000)]) {
      const sealed = sealSecret(plaintext, KEY, CONTEXT);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).toMatch(/^enc:v1:[A-Za-z0-9+/]+=*$/);
      expect(openSecret(sealed, KEY, CONTEXT)).toBe(plaintext);
    }
    const a = sealSecret('same', KEY);
    const b = sealSecret('same', KEY);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(7), 'base64').subarray(0, 12)).not.toEqual(Buffer.from(b.slice(7), 'base64').subarray(0, 12));
    expect(a).not.toContain('same');
  });

  it('detects a changed IV, tag or ciphertext', () => {
    const sealed = sealSecret('a-secret-token', KEY, CONTEXT);
    for (const index of [0, 11, 12, 27, 28, 40]) {
      const error = thrown(() => openSecret(flip(sealed, index), KEY, CONTEXT));
      expect(error.code).toBe('FERRY_ERR_SECRET');
      expect(error.status).toBe(500);
      expect(error.message).toBe(
        'the stored accessToken of destination "d1" cannot be decrypted: FERRY_SECRET_KEY is not the key it was ' +
          'encrypted with, or the value was changed',
      );
    }
  });

  it('refuses the wrong key, another context, a cut value and a missing key, each with a clear error', () => {
    const sealed = sealSecret('a-secret-token', KEY, CONTEXT);
    expect(thrown(() => openSecret(sealed, randomBytes(32), CONTEXT)).message).toMatch(/FERRY_SECRET_KEY is not the key/);
    // A value copied from another destination's row does not open here.
    expect(thrown(() => openSecret(sealed, KEY, 'accessToken of destination "d2"')).message).toMatch(/cannot be decrypted/);
    expect(thrown(() => openSecret(sealed.slice(0, 30), KEY, CONTEXT)).message).toBe(
      'the stored accessToken of destination "d1" is not a valid encrypted value (it was changed or cut short)',
    );
    expect(thrown(() => openSecret(sealed, undefined, CONTEXT)).message).toBe(
      'the stored accessToken of destination "d1" is encrypted, but the store was opened without a secret key (FERRY_SECRET_KEY)',
    );
    expect(() => sealSecret('x', Buffer.alloc(16))).toThrow('the secret key must be 32 bytes (FERRY_SECRET_KEY), got 16');
  });

  it('passes a value stored before encryption through as it is', () => {
    expect(openSecret('plain-old-token', KEY)).toBe('plain-old-token');
    expect(openSecret('plain-old-token', undefined)).toBe('plain-old-token');
  });
});

describe('SettingsSealer', () => {
  const settings = { region: 'us' as const, apiVersion: '2.11', accessToken: 'tok_123456' };

  it('seals the access token only, and opens it again', () => {
    const sealer = new SettingsSealer(KEY);
    const sealed = sealer.seal('d1', settings);
    expect(sealed).toMatchObject({ region: 'us', apiVersion: '2.11' });
    expect(isSealed(sealed.accessToken as string)).toBe(true);
    expect(sealer.open('d1', sealed)).toEqual(settings);
    expect(sealer.seal('d1', { region: 'eu', apiVersion: '2.11' })).toEqual({ region: 'eu', apiVersion: '2.11' });
  });

  it('keeps the stored ciphertext for an unchanged token, and seals a changed one afresh', () => {
    const sealer = new SettingsSealer(KEY);
    const stored = sealer.seal('d1', settings);
    expect(sealer.seal('d1', settings, stored).accessToken).toBe(stored.accessToken);
    const changed = sealer.seal('d1', { ...settings, accessToken: 'tok_other' }, stored);
    expect(changed.accessToken).not.toBe(stored.accessToken);
    expect(sealer.open('d1', changed).accessToken).toBe('tok_other');
    // Sealed under another key: replaced, not an error.
    const foreign = new SettingsSealer(randomBytes(32)).seal('d1', settings);
    expect(sealer.open('d1', sealer.seal('d1', settings, foreign)).accessToken).toBe('tok_123456');
  });

  it('refuses to store a secret without a key rather than store plaintext', () => {
    const error = thrown(() => new SettingsSealer(undefined).seal('d1', settings));
    expect(error).toMatchObject({ code: 'FERRY_ERR_SECRET', status: 500 });
    expect(error.message).toBe(
      'cannot store the accessToken of destination "d1": the store was opened without a secret key ' +
        '(FERRY_SECRET_KEY), and secrets are never stored in plaintext',
    );
    expect(new SettingsSealer(undefined).seal('d1', { region: 'us', apiVersion: '2.11' })).toEqual({ region: 'us', apiVersion: '2.11' });
  });
});
