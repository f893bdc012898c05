// (being written) deliveries, replay, stats.
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';
export function registerDeliveryRoutes(_api: FastifyInstance, _deps: AdminDeps): void {}
