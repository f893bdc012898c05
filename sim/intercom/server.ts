// buildSimulator: the fastify app that answers like Intercom's REST API 2.11, with a control API under /_sim.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntercomError, badRequest, errorEnvelope, errorItem, newRequestId } from './errors.js';
import { loggableBody, redactHeaders } from './request-log.js';
import { SimulatorState, type SimulatorOptions } from './state.js';
import type { Workspace } from './workspace.js';
import { registerContactRoutes } from './contacts/routes.js';
import { registerCompanyRoutes } from './companies/routes.js';
import { registerEventRoutes } from './events/routes.js';
import { registerDataAttributeRoutes } from './data-attributes/routes.js';
import { registerOAuthRoutes } from './oauth/routes.js';
import { registerControlRoutes } from './control/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    workspace: Workspace | null;
    requestId: string;
    errorCode: string | undefined;
  }
}

// Intercom-Version values Intercom accepts (absent means the app's default version).
const VERSIONS = new Set(['1.0', '1.1', '1.2', '1.3', '1.4', ...Array.from({ length: 12 }, (_, i) => `2.${i}`)]);

// Routes without a bearer token: the control API and the browser/token legs of OAuth.
const isPublic = (path: string) => path.startsWith('/_sim') || path.startsWith('/oauth') || path === '/auth/eagle/token';

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The workspace the bearer token of an API request belongs to (set by the auth hook). */
export function workspaceOf(request: FastifyRequest): Workspace {
  if (!request.workspace) throw new IntercomError(401, 'unauthorized', 'Access Token Invalid');
  return request.workspace;
}

export interface Simulator {
  app: FastifyInstance;
  state: SimulatorState;
}

export function buildSimulator(options: SimulatorOptions = {}): Simulator {
  const state = new SimulatorState(options);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 2 * 1024 * 1024 });
  app.decorateRequest('workspace', null);
  app.decorateRequest('requestId', '');
  app.decorateRequest('errorCode', undefined);
  // API requests being answered now (GET /_sim/concurrency): how many a client keeps in flight.
  const requestsNow = new Set<FastifyRequest>();
  const answering = (request: FastifyRequest) => {
    requestsNow.add(request);
    state.concurrency.inFlight = requestsNow.size;
    if (requestsNow.size > state.concurrency.peak) state.concurrency.peak = requestsNow.size;
  };
  const answered = (request: FastifyRequest) => {
    if (requestsNow.delete(request)) state.concurrency.inFlight = requestsNow.size;
  };

  // Own JSON parser: an empty body is "no body" (archive, unarchive), and bad JSON gets Intercom's envelope.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    const source = String(text);
    if (source.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(source));
    } catch {
      done(badRequest('The request body is not valid JSON'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, text, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(text))));
  });

  app.addHook('onRequest', async (request, reply) => {
    request.requestId = newRequestId();
    reply.header('x-request-id', request.requestId);
    const path = pathOf(request.url);
    if (!path.startsWith('/_sim')) answering(request);
    if (isPublic(path)) return;
    const workspace = authenticate(state, request.headers.authorization);
    request.workspace = workspace;
    // Counted before the version check: every authenticated answer, errors included, carries X-RateLimit-*.
    const limit = workspace.rateLimiter.take(Date.now());
    reply.header('x-ratelimit-limit', limit.limit);
    reply.header('x-ratelimit-remaining', limit.remaining);
    reply.header('x-ratelimit-reset', limit.reset);
    if (!limit.allowed) {
      throw new IntercomError(429, 'rate_limit_exceeded', 'You have exceeded the rate limit. Please try again later.');
    }
    const version = request.headers['intercom-version'];
    if (version !== undefined && !VERSIONS.has(String(version))) {
      throw new IntercomError(400, 'intercom_version_invalid', `Requested Intercom-Version '${String(version)}' is not valid`);
    }
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    const fault = state.faults.take(request.method, path, workspace.idCode);
    if (fault) {
      for (const [name, value] of Object.entries(fault.headers)) reply.header(name, value);
      throw new IntercomError(fault.status, fault.code, fault.message);
    }
  });

  // A client that gives up mid-answer (its timeout) gets no onResponse: its request is no longer being answered.
  app.addHook('onRequestAbort', async (request) => answered(request));

  app.addHook('onResponse', async (request, reply) => {
    const path = pathOf(request.url);
    if (path.startsWith('/_sim')) return;
    answered(request);
    state.requests.add({
      at: new Date().toISOString(),
      workspace: request.workspace?.idCode ?? null,
      method: request.method,
      path,
      query: { ...(request.query as Record<string, string>) },
      headers: redactHeaders(request.headers),
      body: loggableBody(request.body),
      status: reply.statusCode,
      ...(request.errorCode === undefined ? {} : { errorCode: request.errorCode }),
    });
  });

  app.setErrorHandler((error, request, reply) => {
    const intercomError = toIntercomError(error);
    if (intercomError.status >= 500 && !(error instanceof IntercomError)) request.log.error(error);
    request.errorCode = intercomError.code;
    return reply.status(intercomError.status).send(errorEnvelope(request.requestId, [errorItem(intercomError)]));
  });

  app.setNotFoundHandler((request, reply) => {
    request.errorCode = 'not_found';
    return reply
      .status(404)
      .send(errorEnvelope(request.requestId, [{ code: 'not_found', message: 'Resource Not Found' }]));
  });

  app.get('/me', async (request) => workspaceOf(request).meJson());
  registerContactRoutes(app);
  registerCompanyRoutes(app);
  registerEventRoutes(app);
  registerDataAttributeRoutes(app);
  registerOAuthRoutes(app, state);
  registerControlRoutes(app, state);
  return { app, state };
}

function authenticate(state: SimulatorState, header: string | undefined): Workspace {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const workspace = match ? state.workspaceForToken(match[1]!) : undefined;
  if (!workspace) throw new IntercomError(401, 'unauthorized', 'Access Token Invalid');
  return workspace;
}

function toIntercomError(error: unknown): IntercomError {
  if (error instanceof IntercomError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 413) return new IntercomError(413, 'request_too_large', 'The request body is too large');
  if (status === 415) return new IntercomError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  if (status !== undefined && status >= 400 && status < 500) {
    return new IntercomError(status, 'bad_request', (error as Error).message);
  }
  return new IntercomError(500, 'server_error', 'Server Error');
}

/** Starts a simulator listening on host:port (port 0 picks a free one). */
export async function startSimulator(options: SimulatorOptions & { port?: number; host?: string } = {}) {
  const simulator = buildSimulator(options);
  const address = await simulator.app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return { ...simulator, url: address, close: () => simulator.app.close() };
}
