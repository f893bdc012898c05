// The admin API's JSON bodies: too large or too deeply nested ones are refused with a 400 before they are parsed.
import { FerryError } from '../errors.js';
import type { FastifyInstance } from 'fastify';
import { jsonDepth, MAX_JSON_DEPTH } from '../json-measure.js';
import { ADMIN_BODY_BYTES } from './errors.js';

// The body's top-level object wraps what it carries (an event, a mapping), which thereby gets the 64 levels it gets
// everywhere else: an event the tracking API accepts is accepted by the Event Tester too.
const MAX_BODY_DEPTH = MAX_JSON_DEPTH + 1;

/**
 * Replaces the JSON parser in the admin API's scope: the size is capped while reading and the depth counted on the
 * text, so no later walk over the body (checks, compiling, storing) can overflow the stack. Parsing itself is
 * fastify's own, with its refusal of `__proto__` and `constructor.prototype` keys.
 */
export function registerJsonBody(api: FastifyInstance): void {
  const parse = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: ADMIN_BODY_BYTES }, (request, raw, done) => {
    const body = String(raw);
    if (jsonDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      const message = `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels inside its top-level object`;
      done(new FerryError('FERRY_ERR_JSON_INVALID', message), undefined);
      return;
    }
    parse(request, body, done);
  });
}
