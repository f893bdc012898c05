// The admin API under /api: bearer or session-cookie auth, JSON errors, TypeBox schemas, and its OpenAPI document.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { VERSION } from '../version.js';
import { tokenMatches } from './auth.js';
import type { AdminDeps } from './deps.js';
import { adminErrorHandler } from './errors.js';
import { registerJsonBody } from './json-body.js';
import { registerActionRoutes } from './routes/actions.js';
import { registerDeliveryRoutes } from './routes/deliveries.js';
import { registerDestinationRoutes } from './routes/destinations.js';
import { registerMappingRoutes } from './routes/mappings.js';
import { registerOAuthPages, registerOAuthRoutes } from './routes/oauth.js';
import { registerPeopleRoutes } from './routes/people.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerSourceEventRoutes } from './routes/source-events.js';
import { registerSourceRoutes } from './routes/sources.js';
import { registerTesterRoutes } from './routes/testers.js';
import { requireSession } from './session.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reached without the admin token: the route checks what it needs itself (sign-in, the session's own routes). */
    public?: boolean;
  }
}

export async function registerAdmin(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'ferry admin API', version: VERSION },
      components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } } },
      security: [{ adminToken: [] }],
    },
    // Only the admin API belongs in its document.
    hiddenTag: 'internal',
  });
  await app.register(
    async (api) => {
      api.setErrorHandler(adminErrorHandler);
      registerJsonBody(api);
      // The Bearer token (scripts, curl) needs nothing more; a browser's session cookie needs X-CSRF-Token to change state.
      api.addHook('onRequest', async (request, reply) => {
        if (request.url === '/api/openapi.json' || request.routeOptions.config?.public === true) return;
        if (tokenMatches(request.headers.authorization, deps.adminTokenHash)) return;
        await requireSession(request, reply, deps);
      });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      registerSourceRoutes(api, deps);
      registerSourceEventRoutes(api, deps);
      registerDestinationRoutes(api, deps);
      registerMappingRoutes(api, deps);
      registerActionRoutes(api, deps);
      registerTesterRoutes(api, deps);
      registerDeliveryRoutes(api, deps);
      registerOAuthRoutes(api, deps);
      registerSessionRoutes(api, deps);
      if (deps.suppressions) registerPeopleRoutes(api, deps, deps.suppressions);
    },
    { prefix: '/api' },
  );
  // The browser opens ferry's OAuth link and the destination's service sends it back: public, protected by the signed state and a cookie.
  registerOAuthPages(app, deps);
}
