// Admin API errors: FerryError values answered as `{"error": {"code", "message", "path"?}}` with their status.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_CONFIG_BYTES } from '../config/load.js';
import { at, FerryError } from '../errors.js';
import { formatBytes } from '../json-measure.js';

export const notFound = (what: string, id: string | number) =>
  new FerryError('FERRY_ERR_NOT_FOUND', `${what} '${id}' does not exist`, {}, 404);
/** The most an admin API request body may hold: as much as a config file, since both describe the same model. */
export const ADMIN_BODY_BYTES = MAX_CONFIG_BYTES;

const bodyTooLarge = () => new FerryError(
  'FERRY_ERR_REQUEST_TOO_LARGE', `the request body is larger than ${formatBytes(ADMIN_BODY_BYTES)}, the most the admin API reads`,
);

export const conflict = (message: string, path?: string) => new FerryError('FERRY_ERR_CONFLICT', message, at(path), 409);

export function adminErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof FerryError) {
    return reply.status(error.status).send({ error: error.toJSON() });
  }
  const fastifyError = error as FastifyError;
  // Like the tracking API: an oversize body is bad input (400) with a sentence naming the limit, not a bare 413.
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return adminErrorHandler(bodyTooLarge(), request, reply);
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
