// The log of every API request the simulator answered, read by tests through GET /_sim/requests.

export interface LoggedRequest {
  seq: number;
  at: string;
  workspace: string | null;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  /** Intercom's error code when the answer was an error. */
  errorCode?: string;
}

export interface RequestFilter {
  since?: number;
  workspace?: string;
  method?: string;
  pathPrefix?: string;
}

// Headers worth keeping for assertions; anything else (cookies, proxies) is noise.
const KEPT_HEADERS = ['authorization', 'intercom-version', 'accept', 'content-type', 'user-agent'];

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    kept[name] = name === 'authorization' ? redactAuthorization(text) : text;
  }
  return kept;
}

// Deeper bodies are replaced in the log: serializing a 100,000-level body for GET /_sim/requests overflows the stack.
const MAX_LOGGED_DEPTH = 64;
// Body fields that are secrets (the OAuth token exchange), kept out of the log like the Authorization header.
const SECRET_BODY_FIELDS = ['client_secret'];

/** The body as the log keeps it: secrets redacted, and a marker instead of a body too deep to serialize. */
export function loggableBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object') return body;
  if (deeperThan(body, MAX_LOGGED_DEPTH)) return `[body nested deeper than ${MAX_LOGGED_DEPTH} levels]`;
  if (Array.isArray(body) || !SECRET_BODY_FIELDS.some((name) => Object.hasOwn(body, name))) return body;
  const copy: Record<string, unknown> = { ...body };
  for (const name of SECRET_BODY_FIELDS) if (Object.hasOwn(copy, name)) copy[name] = '[redacted]';
  return copy;
}

// Iterative, so that measuring a pathological body cannot itself overflow the stack.
function deeperThan(root: object, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

function redactAuthorization(value: string): string {
  const space = value.indexOf(' ');
  return space > 0 ? `${value.slice(0, space)} [redacted]` : '[redacted]';
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private nextSeq = 1;

  /** `capacity` bounds memory in long benchmark runs: the oldest entries go first. */
  constructor(private readonly capacity: number) {}

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.entries.push({ seq: this.nextSeq++, ...entry });
    // Trimmed in batches: cutting one entry off the front of a full million-entry log costs ~0.1 ms per request.
    const slack = Math.ceil(this.capacity / 10);
    if (this.entries.length > this.capacity + slack) this.entries = this.entries.slice(-this.capacity);
  }

  list(filter: RequestFilter = {}): LoggedRequest[] {
    const kept = this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries;
    return kept.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (filter.workspace === undefined || e.workspace === filter.workspace) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.pathPrefix === undefined || e.path.startsWith(filter.pathPrefix)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
