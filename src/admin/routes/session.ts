// Sign-in for browsers (the web app): the admin token once for a session cookie, who is signed in, and sign-out.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { FerryError } from '../../errors.js';
import { tokenEquals } from '../auth.js';
import type { AdminDeps } from '../deps.js';
import { clearSessionCookie, requireSession, setSessionCookie, startSession } from '../session.js';
import { errors } from './control-schemas.js';

const tags = ['session'];
const SignInBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 1024, description: 'the admin token; only this request carries it' }),
}, { additionalProperties: false });
const csrfToken = Type.String({ description: 'send it as the X-CSRF-Token header with every request that changes something' });
const expiresAt = Type.String({ format: 'date-time', description: 'fixed at sign-in; sign in again after it' });
const SignedIn = Type.Object({ expiresAt, csrfToken });
const Session = Type.Object({
  who: Type.Literal('admin', { description: 'ferry has one admin token and no users yet' }),
  signedInAt: Type.String({ format: 'date-time' }),
  expiresAt,
  csrfToken,
});

/** Routes with `config: { public: true }`: the admin hook lets them through, they check what they need themselves. */
export function registerSessionRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/session', {
    config: { public: true },
    schema: {
      tags, security: [],
      summary: 'Sign in: the admin token for an HttpOnly, SameSite=Strict session cookie (ferry_session) and its CSRF token',
      body: SignInBody, response: { 200: SignedIn, ...errors(400, 401) },
    },
  }, async (request, reply) => {
    if (!tokenEquals(request.body.token, deps.adminTokenHash)) {
      throw new FerryError('FERRY_ERR_UNAUTHORIZED', 'that is not the admin token', {}, 401);
    }
    const { id, session } = await startSession(deps);
    setSessionCookie(reply, deps, id);
    reply.header('cache-control', 'no-store');
    return { expiresAt: session.expiresAt.toISOString(), csrfToken: session.csrfToken };
  });

  app.get('/session', {
    config: { public: true },
    schema: {
      tags, security: [],
      summary: "The session cookie's session: when it expires and its CSRF token (after a reload the app asks here)",
      response: { 200: Session, ...errors(401) },
    },
  }, async (request, reply) => {
    const session = await requireSession(request, reply, deps);
    reply.header('cache-control', 'no-store');
    return {
      who: 'admin' as const, signedInAt: session.createdAt.toISOString(), expiresAt: session.expiresAt.toISOString(), csrfToken: session.csrfToken,
    };
  });

  app.delete('/session', {
    config: { public: true },
    schema: {
      tags, security: [], summary: 'Sign out: the session ends and its cookie is cleared (needs the X-CSRF-Token header)',
      response: { 204: Type.Null(), ...errors(401, 403) },
    },
  }, async (request, reply) => {
    const session = await requireSession(request, reply, deps);
    await deps.store.deleteSession(session.idHash);
    clearSessionCookie(reply, deps);
    return reply.status(204).send(null);
  });
}
