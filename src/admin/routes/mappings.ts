// (being written) mappings: CRUD, validate, test.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerMappingRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
