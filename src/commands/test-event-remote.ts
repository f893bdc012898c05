// `ferry test-event --url`: the event through a running ferry's Event Tester, so it meets that ferry's identity cache.
import { FerryError, type FerryErrorCode } from '../errors.js';

export interface RemoteTestOptions {
  url: string;
  destination?: string;
  event: object;
  /** The running ferry's admin token (FERRY_ADMIN_TOKEN). */
  adminToken: string | undefined;
}

function baseUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `--url: must be the http(s) URL of a running ferry, got "${text}"`, { path: '--url' });
  }
  return url.href.replace(/\/+$/, '');
}

const CODE_BY_STATUS: Record<number, FerryErrorCode> = { 401: 'FERRY_ERR_UNAUTHORIZED', 404: 'FERRY_ERR_NOT_FOUND' };

async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`${base}: cannot reach ferry (${(error as Error).message})`);
  }
  const text = await response.text();
  const answer = text === '' ? undefined : (JSON.parse(text) as { error?: { message?: string } } | undefined);
  if (response.ok) return answer;
  const reason = answer?.error?.message ?? text;
  const message = `${method} ${base}${path} answered ${response.status}: ${reason}`;
  // The command line or the event was wrong (exit 2); the server failing is not (exit 1).
  if (response.status >= 500) throw new Error(message);
  throw new FerryError(CODE_BY_STATUS[response.status] ?? 'FERRY_ERR_REQUEST_INVALID', message);
}

/** Runs the event through every mapping of the destination (default: the running ferry's first) there. */
export async function runRemoteTestEvent(options: RemoteTestOptions): Promise<{ identityCache: string; outcomes: unknown[] }> {
  const base = baseUrl(options.url);
  if (!options.adminToken) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', '--url: set FERRY_ADMIN_TOKEN to the admin token of the ferry at that URL', {
      path: 'FERRY_ADMIN_TOKEN',
    });
  }
  let id = options.destination;
  if (id === undefined) {
    const destinations = (await call(base, options.adminToken, 'GET', '/api/destinations')) as { id: string }[];
    if (destinations.length === 0) throw new FerryError('FERRY_ERR_NOT_FOUND', `${base}: the ferry there has no destination`);
    id = destinations[0]!.id;
  }
  const path = `/api/destinations/${encodeURIComponent(id)}/event-tester`;
  const answer = (await call(base, options.adminToken, 'POST', path, { event: options.event })) as { outcomes: unknown[] };
  return { identityCache: `the identity cache of the ferry at ${base} (its Event Tester ran the event)`, outcomes: answer.outcomes };
}
