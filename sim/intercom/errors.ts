// Intercom's error envelope and the error value every simulator handler throws.
import { randomUUID } from 'node:crypto';

export interface IntercomErrorItem {
  code: string;
  message: string;
  field?: string;
}

/** An error answered with Intercom's `error.list` envelope. */
export class IntercomError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function newRequestId(): string {
  return randomUUID();
}

export function errorEnvelope(requestId: string, errors: IntercomErrorItem[]) {
  return { type: 'error.list', request_id: requestId, errors };
}

export function errorItem(error: IntercomError): IntercomErrorItem {
  return error.field === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, field: error.field };
}

// Shorthands for the errors Intercom answers most often.
export const notFound = (message = 'Resource Not Found') => new IntercomError(404, 'not_found', message);
export const userNotFound = () => new IntercomError(404, 'not_found', 'User Not Found');
export const companyNotFound = () => new IntercomError(404, 'company_not_found', 'Company Not Found');
export const badRequest = (message: string) => new IntercomError(400, 'bad_request', message);
export const parameterInvalid = (message: string, field?: string) =>
  new IntercomError(400, 'parameter_invalid', message, field);
export const parameterNotFound = (message: string, field?: string) =>
  new IntercomError(400, 'parameter_not_found', message, field);
export const badParameter = (name: string) => badRequest(`bad '${name}' parameter`);

/** The default code Intercom uses for an injected status. */
export function codeForStatus(status: number): { code: string; message: string } {
  switch (status) {
    case 400: return { code: 'bad_request', message: 'Bad Request' };
    case 401: return { code: 'unauthorized', message: 'Access Token Invalid' };
    case 403: return { code: 'forbidden', message: 'Access denied' };
    case 404: return { code: 'not_found', message: 'Resource Not Found' };
    case 408: return { code: 'request_timeout', message: 'Request Timeout' };
    case 409: return { code: 'conflict', message: 'Conflict' };
    case 423: return { code: 'locked', message: 'Resource is locked' };
    case 429: return { code: 'rate_limit_exceeded', message: 'You have exceeded the rate limit. Please try again later.' };
    case 500: return { code: 'server_error', message: 'Server Error' };
    case 501: return { code: 'not_implemented', message: 'Not Implemented' };
    case 502: return { code: 'bad_gateway', message: 'Bad Gateway' };
    case 503: return { code: 'service_unavailable', message: 'Sorry, the API service is temporarily unavailable' };
    case 504: return { code: 'gateway_timeout', message: 'Gateway Timeout' };
    default: return { code: status >= 500 ? 'server_error' : 'client_error', message: `HTTP ${status}` };
  }
}
