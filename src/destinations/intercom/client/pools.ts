// Keep-alive connection pools shared by origin, so every destination on the same Intercom host reuses sockets.
import { createRequire } from 'node:module';
import type { Pool } from 'undici';

// undici is loaded with the first pool, not at import: `ferry validate` and the admin pages never send a request.
const requireModule = createRequire(import.meta.url);
let PoolClass: typeof Pool | undefined;

/**
 * undici's Pool and the request API alone (what its index does for them: the API on Dispatcher's prototype), about
 * half of the whole package's load time (fetch, cookies, mocks, caches); the whole package if that layout changed.
 */
function loadPool(): typeof Pool {
  try {
    const pool = requireModule('undici/lib/dispatcher/pool') as typeof Pool;
    const dispatcher = requireModule('undici/lib/dispatcher/dispatcher') as { prototype: object };
    const api = requireModule('undici/lib/api') as { request?: unknown };
    if (typeof pool === 'function' && typeof api.request === 'function' && pool.prototype instanceof (dispatcher as never)) {
      if (!('request' in dispatcher.prototype)) Object.assign(dispatcher.prototype, api);
      return pool;
    }
  } catch {
    // Another layout of the package: load it whole.
  }
  return (requireModule('undici') as typeof import('undici')).Pool;
}

const poolClass = (): typeof Pool => (PoolClass ??= loadPool());

// Each destination keeps at most its `maxConcurrency` requests in flight (one per socket), and every workspace on one
// Intercom host shares this pool: at full limits and 150 ms, ten workspaces need about 250 at once. The cap only guards
// against a runaway opening thousands of sockets.
const MAX_CONNECTIONS_PER_ORIGIN = 512;

interface SharedPool {
  pool: Pool;
  users: number;
}

const pools = new Map<string, SharedPool>();

/** The pool for an origin; each acquire must be matched by one release. */
export function acquirePool(origin: string): Pool {
  let shared = pools.get(origin);
  if (shared === undefined) {
    shared = {
      pool: new (poolClass())(origin, {
        connections: MAX_CONNECTIONS_PER_ORIGIN,
        // A server's Keep-Alive hint shortens this; without one, stay well under common 60 s load-balancer idles.
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
      }),
      users: 0,
    };
    pools.set(origin, shared);
  }
  shared.users += 1;
  return shared.pool;
}

/** Closes the origin's pool once its last user is gone (after the requests in flight finish). */
export async function releasePool(origin: string, pool: Pool): Promise<void> {
  const shared = pools.get(origin);
  if (shared === undefined || shared.pool !== pool) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  pools.delete(origin);
  await pool.close();
}
