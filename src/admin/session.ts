// Browser sessions for the admin API: the admin token once for an HttpOnly cookie; a CSRF header for what changes state.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FerryError } from '../errors.js';
import type { AdminSession } from '../store/types.js';
import { hashToken } from './auth.js';
import type { AdminDeps } from './deps.js';

export const SESSION_COOKIE = 'ferry_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Fixed from sign-in, not sliding: a stolen cookie is worth at most this long, however busy the app keeps it. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// Reads only: a cross-site page can make the browser send these, but it cannot read the answers.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const UNAUTHORIZED_MESSAGE = 'a valid admin token is required (Authorization: Bearer <token>)';
const unauthorized = (message = UNAUTHORIZED_MESSAGE) => new FerryError('FERRY_ERR_UNAUTHORIZED', message, {}, 401);
const ended = () => unauthorized('the session has expired or was signed out: sign in again with the admin token (POST /api/session)');
const csrfMissing = () => new FerryError(
  'FERRY_ERR_CSRF',
  "a request that changes something with a session cookie needs the X-CSRF-Token header set to the session's csrfToken " +
    '(from POST or GET /api/session); a form posted from another site never has it',
  {},
  403,
);

const ttlOf = (deps: AdminDeps) => deps.sessions?.ttlMs ?? SESSION_TTL_MS;
const nowOf = (deps: AdminDeps) => deps.sessions?.now?.() ?? new Date();

/** A new session for someone who gave the admin token; the cookie carries `id`, the store only its hash. */
export async function startSession(deps: AdminDeps): Promise<{ id: string; session: AdminSession }> {
  const id = randomBytes(32).toString('base64url');
  const createdAt = nowOf(deps);
  const session: AdminSession = {
    idHash: hashToken(id),
    csrfToken: randomBytes(32).toString('base64url'),
    tokenHash: deps.adminTokenHash,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + ttlOf(deps)),
  };
  await deps.store.createSession(session);
  return { id, session };
}

/**
 * The request's session, or why it has none: no cookie (the usual 401), an unknown, expired or signed-out one, or one
 * signed in with an admin token that has since changed (deleted: a new token ends every older session). A session
 * that changes state must carry its CSRF token (403).
 */
export async function requireSession(request: FastifyRequest, reply: FastifyReply, deps: AdminDeps): Promise<AdminSession> {
  const id = request.cookies[SESSION_COOKIE];
  if (id === undefined || id === '') throw unauthorized();
  const idHash = hashToken(id);
  const session = await deps.store.findSession(idHash, nowOf(deps));
  if (session === undefined || session.tokenHash !== deps.adminTokenHash) {
    if (session !== undefined) await deps.store.deleteSession(idHash);
    clearSessionCookie(reply, deps);
    throw ended();
  }
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request.headers[CSRF_HEADER], session.csrfToken)) throw csrfMissing();
  return session;
}

function csrfMatches(header: string | string[] | undefined, expected: string): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

// Strict: no other site's page, link or form ever sends it. Path /: the web app is served from / too.
const cookieOptions = (deps: AdminDeps, maxAge: number) => ({
  path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.publicUrl.startsWith('https:'), maxAge,
});

/**
 * Readable by the web app, and no secret: it only tells the app a session may exist, so a first visit shows the
 * sign-in form without asking GET /api/session (whose 401 a browser would log as an error).
 */
export const SIGNED_IN_COOKIE = 'ferry_signed_in';

export function setSessionCookie(reply: FastifyReply, deps: AdminDeps, id: string): void {
  const maxAge = Math.ceil(ttlOf(deps) / 1000);
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(deps, maxAge));
  reply.setCookie(SIGNED_IN_COOKIE, '1', { ...cookieOptions(deps, maxAge), httpOnly: false });
}

export function clearSessionCookie(reply: FastifyReply, deps: AdminDeps): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(deps, 0));
  reply.clearCookie(SIGNED_IN_COOKIE, { ...cookieOptions(deps, 0), httpOnly: false });
}
