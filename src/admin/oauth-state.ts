// OAuth `state`: an HMAC-SHA256-signed, expiring value bound to one destination and, by a cookie, to one browser.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a user has between "Connect with <destination>" and coming back: 10 minutes. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export interface OAuthState {
  destinationId: string;
  /** Random (base64url); names the flow's cookie and is recorded (Store.useOnce) so the link and the state work once. */
  nonce: string;
  expiresAt: Date;
  /** The API base the code must be exchanged at (where the authorize page was). */
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

/** The cookie that binds a flow to the browser that opened its link: its name and the value only ferry can compute. */
export function flowCookie(state: Pick<OAuthState, 'nonce'>, secretKey: Buffer): { name: string; value: string } {
  return { name: `ferry_oauth_${state.nonce}`, value: sign(`browser:${state.nonce}`, secretKey).toString('base64url') };
}

/** Whether `given` is the flow cookie's value for this state (constant time). */
export function matchesFlowCookie(state: Pick<OAuthState, 'nonce'>, given: string | undefined, secretKey: Buffer): boolean {
  const expected = Buffer.from(flowCookie(state, secretKey).value);
  const actual = Buffer.from(given ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

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
