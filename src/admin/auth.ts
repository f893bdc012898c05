// Admin authentication: `Authorization: Bearer <admin token>`, compared in constant time with the stored hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { FerryError } from '../errors.js';
import type { ControlStore } from '../store/types.js';

const SETTING = 'admin_token_sha256';
/** The shortest admin token ferry accepts: it guards every secret ferry holds, and it is tried over the network. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function tokenMatches(header: string | undefined, expectedHash: string): boolean {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match !== null && tokenEquals(match[1]!, expectedHash);
}

/** The token itself (a Bearer header's, a sign-in's): its hash compared in constant time, whatever its length. */
export function tokenEquals(token: string, expectedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Refuses a chosen admin token that is easy to guess, or that no Authorization header could carry. */
export function checkAdminToken(token: string | undefined): void {
  if (!token) return;
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new FerryError(
      'FERRY_ERR_CONFIG_INVALID',
      `FERRY_ADMIN_TOKEN is too short: it must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long, ` +
        `and this one has ${token.length}. Generate one with: openssl rand -hex 32`,
    );
  }
  if (/\s/.test(token)) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', 'FERRY_ADMIN_TOKEN must not contain spaces: an Authorization header could not carry it.');
  }
}

/**
 * The admin token's hash: FERRY_ADMIN_TOKEN when set; else the one generated on a first start (only its hash is
 * stored; `generated` carries the token so the caller can print it once).
 */
export async function adminToken(store: Pick<ControlStore, 'getSetting' | 'setSetting'>, fromEnv: string | undefined): Promise<{ hash: string; generated?: string }> {
  checkAdminToken(fromEnv);
  if (fromEnv) return { hash: hashToken(fromEnv) };
  const stored = await store.getSetting(SETTING);
  if (stored) return { hash: stored };
  const generated = `ferry_admin_${randomBytes(24).toString('base64url')}`;
  const hash = hashToken(generated);
  await store.setSetting(SETTING, hash);
  return { hash, generated };
}
