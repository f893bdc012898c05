// (being written) destinations: CRUD, settings, test-connection.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerDestinationRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
