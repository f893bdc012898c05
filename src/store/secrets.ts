// Secrets at rest: AES-256-GCM, a random 12-byte IV per value, stored as `enc:v1:<base64 iv|tag|ciphertext>`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FerryError } from '../errors.js';

export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Secret errors are the operator's to fix (key, data dir), never the API caller's: 500, with a sentence saying what. */
const secretError = (message: string) => new FerryError('FERRY_ERR_SECRET', message, {}, 500);

export function checkSecretKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new TypeError(`the secret key must be ${KEY_BYTES} bytes (FERRY_SECRET_KEY), got ${Buffer.isBuffer(key) ? key.length : typeof key}`);
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);

/**
 * Encrypts `plaintext`. `context` (what the value is, e.g. `destination d1 accessToken`) is bound to the ciphertext as
 * associated data: a value copied to another place in the database fails to open there.
 */
export function sealSecret(plaintext: string, key: Buffer, context = ''): string {
  checkSecretKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** The plaintext of a sealed value; a value stored before encryption (no prefix) is returned as it is. */
export function openSecret(stored: string, key: Buffer | undefined, context = ''): string {
  if (!isSealed(stored)) return stored;
  const what = context === '' ? 'a stored secret' : `the stored ${context}`;
  if (key === undefined) {
    throw secretError(`${what} is encrypted, but the store was opened without a secret key (FERRY_SECRET_KEY)`);
  }
  checkSecretKey(key);
  const body = stored.slice(SEALED_PREFIX.length);
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES || bytes.toString('base64') !== body) {
    throw secretError(`${what} is not a valid encrypted value (it was changed or cut short)`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from a changed value; both fail the authentication tag.
    throw secretError(
      `${what} cannot be decrypted: FERRY_SECRET_KEY is not the key it was encrypted with, or the value was changed`,
    );
  }
}
