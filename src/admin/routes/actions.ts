// (being written) the actions catalog.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerActionRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
