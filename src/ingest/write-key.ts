// Where a tracking request's write key may be: the HTTP Basic auth user name, else the body's `writeKey`. Nowhere else.
import { isPlainObject } from './validate-event.js';

/** The user name of a `Basic` Authorization header (the password is ignored), or undefined. */
export function basicAuthUser(header: string | undefined): string | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return user === '' ? undefined : user;
}

/**
 * The write key of a request: a Basic header, when it names a user, decides (a wrong one is not rescued by the body);
 * else a non-empty string `writeKey` at the top of the body. Other schemes (Bearer) and query strings are not read.
 */
export function writeKeyOf(authorization: string | undefined, body: unknown): string | undefined {
  const fromHeader = basicAuthUser(authorization);
  if (fromHeader !== undefined) return fromHeader;
  const fromBody = isPlainObject(body) ? body.writeKey : undefined;
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
}
