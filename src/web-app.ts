// Serves the built web app at /: hashed assets cached for good, index.html never cached, app routes answered by it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from './package-root.js';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths the app does not own: an unknown one there stays a JSON 404, never the app's page. */
const SERVER_PREFIXES = ['/api', '/v1', '/oauth', '/analytics.js', '/analytics-next', '/metrics', '/healthz', '/readyz', '/assets'];

/** dist/web in ferry's package, whether ferry runs from the bundle (dist/ferry.mjs and its chunks) or from the sources. */
export function defaultWebRoot(): string {
  const root = findPackageRoot(import.meta.url)?.dir ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  return join(root, 'dist', 'web');
}

export function webAppBuilt(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}

export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  if (!webAppBuilt(root)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('ferry is running, but its web app is not built: run `npm run build`, then start ferry again.\n'));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    // Vite names assets by their content: a changed file gets a new name, so browsers may keep them for a year.
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
  const sendApp = (reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
      .sendFile('index.html');
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendApp(reply));
  // The app's own addresses (/destinations/x/mappings, /sources, ...) load the app, which routes in the browser.
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    const ownedByServer = SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
    if (!ownedByServer && wantsPage) return sendApp(reply);
    return reply.status(404).send({ message: `Route ${request.method}:${path} not found`, error: 'Not Found', statusCode: 404 });
  });
}
