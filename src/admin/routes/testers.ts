// (being written) the Event Tester.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerTesterRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
