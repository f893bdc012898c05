// Admin API errors: FerryError values answered as `{"error": {"code", "message", "path"?}}` with their status.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FerryError } from '../errors.js';

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string | number) =>
  new AdminError(404, 'FERRY_ERR_NOT_FOUND', `${what} '${id}' does not exist`);
export const conflict = (message: string, path?: string) => new AdminError(409, 'FERRY_ERR_CONFLICT', message, path);

export function adminErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AdminError) {
    return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...(error.path ? { path: error.path } : {}) } });
  }
  if (error instanceof FerryError) {
    return reply.status(error.status).send({ error: error.toJSON() });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const path = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : undefined;
    return reply.status(400).send({
      error: { code: 'FERRY_ERR_REQUEST_INVALID', message: `${fastifyError.validationContext ?? 'body'}${path ? `.${path}` : ''} ${first?.message ?? 'is invalid'}`, ...(path ? { path } : {}) },
    });
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return reply.status(fastifyError.statusCode).send({ error: { code: 'FERRY_ERR_REQUEST_INVALID', message: error.message } });
  }
  request.log.error({ err: error }, 'admin API error');
  return reply.status(500).send({ error: { code: 'FERRY_ERR_INTERNAL', message: 'internal error (see the logs)' } });
}
