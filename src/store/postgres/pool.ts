// The connection pool: bigint columns read as numbers, connection failures as FERRY_ERR_STORE_UNAVAILABLE, transactions.
import pg from 'pg';
import { FerryError } from '../../errors.js';

/** int8 (bigint ids, unix-ms times, counts): numbers, as the SQLite store answers; every value ferry keeps fits 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  url: string;
  /** Connections per process; default 10. */
  poolSize?: number;
}

export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    // A server that does not answer at all (a dropped network) fails a call after 5 s instead of hanging it.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closed (restart, failover) is dropped from the pool; the next call opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// SQLSTATE class 08 (connection exception), the server shutting down or starting, too many connections.
const SERVER_CODES = /^(08...|57P01|57P02|57P03|53300)$/;
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i;

/** Whether `error` says the database could not be reached (rather than that it refused what was asked). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SERVER_CODES.test(code))) return true;
  return CONNECTION_MESSAGES.test(error.message);
}

/** A connection failure as the store's 503 (ingest answers FERRY_ERR_STORE_UNAVAILABLE); other errors as they are. */
export function storeError(error: unknown): unknown {
  if (error instanceof FerryError || !isConnectionError(error)) return error;
  const message = `the PostgreSQL database cannot be reached (${(error as Error).message}); nothing was stored, retry later`;
  const unavailable = new FerryError('FERRY_ERR_STORE_UNAVAILABLE', message, {}, 503);
  (unavailable as { cause?: unknown }).cause = error;
  return unavailable;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A statement run often: prepared once per connection under its name, then only bound and executed. */
export interface Statement {
  name: string;
  text: string;
}

/** One statement on any pooled connection. */
export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: pg.Pool,
  statement: string | Statement,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(typeof statement === 'string' ? { text: statement, values } : { ...statement, values });
  } catch (error) {
    throw storeError(error);
  }
}

/**
 * A connection of the pool with `onError` listening on it from the moment it is handed over. The listener is added in
 * the pool's callback, not after an await: a server shutting down may end a new session in the same packet that says
 * it is ready, and that error is emitted before any promise continuation runs (uncaught, it ends the process).
 */
function checkOut(pool: pg.Pool, onError: (error: Error) => void): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (error || !client) {
        reject(storeError(error ?? new Error('Connection terminated: the pool gave no connection')));
        return;
      }
      client.on('error', onError);
      resolve(client);
    });
  });
}

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. `begin`
 * may carry statements to run with BEGIN in the same round trip (no parameters: numbers only, never input text).
 */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  let broken: Error | undefined;
  // A checked-out connection has no listener of the pool's: its loss would otherwise be an uncaught error (the
  // query in flight fails with it anyway).
  const lost = (error: Error) => (broken = error);
  const client = await checkOut(pool, lost);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isConnectionError(error)) broken = error as Error;
    else await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw storeError(error);
  } finally {
    // A connection that failed is closed, not returned: the pool opens a fresh one for the next call.
    client.removeListener('error', lost);
    client.release(broken);
  }
}

/**
 * Text as PostgreSQL can store it: U+0000, which its text type refuses (and an event may carry in an id), becomes
 * U+FFFD. Applied to every client-given value written to or looked up in a text column, the same way both times; JSON
 * columns need nothing (JSON escapes it).
 */
export const pgText = (value: string): string => (value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value);
