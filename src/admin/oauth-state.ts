// OAuth `state`: an HMAC-SHA256-signed, expiring value bound to one destination; its nonce makes it single use.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a user has between "Connect with Intercom" and coming back: 10 minutes. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export interface OAuthState {
  destinationId: string;
  /** Random; recorded at the callback (Store.useOnce) so the state works once. */
  nonce: string;
  expiresAt: Date;
  /** The Intercom API base the code must be exchanged at (where the authorize page was). */
  apiBase: string;
}

export type StateCheck =
  | { ok: true; state: OAuthState }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

// Its own key, derived from the secret key (which also encrypts secrets at rest): one key, one purpose.
function signingKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'ferry oauth state v1', 32));
}

const sign = (payload: string, secretKey: Buffer) =>
  createHmac('sha256', signingKey(secretKey)).update(payload).digest();

/** A new state for `destinationId`; `now` and `ttlMs` are parameters so tests can mint expired ones. */
export function createState(
  input: { destinationId: string; apiBase: string },
  secretKey: Buffer,
  options: { now?: Date; ttlMs?: number } = {},
): { value: string; state: OAuthState } {
  const now = options.now ?? new Date();
  const state: OAuthState = {
    destinationId: input.destinationId,
    nonce: randomBytes(16).toString('base64url'),
    expiresAt: new Date(now.getTime() + (options.ttlMs ?? OAUTH_STATE_TTL_MS)),
    apiBase: input.apiBase,
  };
  const payload = Buffer.from(
    JSON.stringify({ d: state.destinationId, n: state.nonce, e: state.expiresAt.getTime(), a: state.apiBase }),
  ).toString('base64url');
  return { value: `${payload}.${sign(payload, secretKey).toString('base64url')}`, state };
}

/** Checks the signature first (nothing unsigned is parsed), then the shape, then the expiry. */
export function verifyState(value: string, secretKey: Buffer, now = new Date()): StateCheck {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload, secretKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { d, n, e, a } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof d !== 'string' || typeof n !== 'string' || typeof a !== 'string' || !Number.isSafeInteger(e)) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(e as number);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, state: { destinationId: d, nonce: n, expiresAt, apiBase: a } };
}
