// (being written) sources: CRUD and write-key rotation.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerSourceRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
