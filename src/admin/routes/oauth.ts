// (being written) OAuth connect with Intercom.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerOAuthRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
export function registerOAuthCallback(_app: FastifyInstance, _deps: AdminDeps): void {}
