// How long a client may take to send a request or sit idle, and how many may be connected: slow clients cannot hold sockets.
import { FerryError } from './errors.js';

export interface ServerLimits {
  /** From a connection's first byte (or its previous request's end) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** From the start of a request to the end of its body. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request (Node closes it about a second after this). */
  keepAliveTimeoutMs: number;
  /** How long a connection may see no traffic at all, in either direction, at any point. */
  idleTimeoutMs: number;
  /** Connections open at once; more are closed as soon as they are accepted. */
  maxConnections: number;
  /** How often Node checks requests against the headers and request timeouts (its default is 30 s). */
  checkIntervalMs: number;
}

export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxConnections: 2_048,
  checkIntervalMs: 1_000,
};

/** The environment variable of each limit an operator may set. */
export const SERVER_LIMIT_VARIABLES = {
  headersTimeoutMs: 'FERRY_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'FERRY_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'FERRY_KEEP_ALIVE_TIMEOUT_MS',
  idleTimeoutMs: 'FERRY_IDLE_TIMEOUT_MS',
  maxConnections: 'FERRY_MAX_CONNECTIONS',
} as const satisfies Partial<Record<keyof ServerLimits, string>>;

// Node's timers hold at most 2^31-1 ms; a larger value would fire at once.
const MAX_MS = 2 ** 31 - 1;

function invalid(message: string): FerryError {
  return new FerryError('FERRY_ERR_CONFIG_INVALID', message);
}

/** The limits set in the environment; a value that is not a whole number in range is an error naming the variable. */
export function serverLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  for (const [key, name] of Object.entries(SERVER_LIMIT_VARIABLES) as [keyof typeof SERVER_LIMIT_VARIABLES, string][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    // Digits only: Number() would also read ' 5', '1e3' and '0x10' as numbers.
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    const max = key === 'maxConnections' ? 1_000_000 : MAX_MS;
    if (!Number.isSafeInteger(value) || value < 1 || value > max) {
      throw invalid(`${name} must be a whole number from 1 to ${max}${key === 'maxConnections' ? '' : ' (milliseconds)'}; got '${text}'.`);
    }
    limits[key] = value;
  }
  return limits;
}

/** The defaults with `overrides` applied, checked: Node refuses a headers timeout longer than the request timeout. */
export function resolveServerLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw invalid(`the server limit ${key} must be a whole number >= 1; got ${value}.`);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw invalid(
      `${SERVER_LIMIT_VARIABLES.headersTimeoutMs} (${limits.headersTimeoutMs} ms) must not be longer than ` +
        `${SERVER_LIMIT_VARIABLES.requestTimeoutMs} (${limits.requestTimeoutMs} ms): the headers are part of the request.`,
    );
  }
  return limits;
}
