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
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(filter: RequestFilter = {}): LoggedRequest[] {
    return this.entries.filter(
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
