// Starts the tracking API alone on a real listening fastify (port 0) for HTTP tests; the caller supplies its deps.
import Fastify from 'fastify';
import { registerIngestRoutes, type IngestDeps } from '../routes.js';

export interface RunningIngest {
  url: string;
  close(): Promise<void>;
  /** POSTs `body` (JSON-encoded unless a string or Buffer) and returns the status, headers and parsed JSON answer. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
}

export function basic(writeKey: string, password = ''): string {
  return `Basic ${Buffer.from(`${writeKey}:${password}`).toString('base64')}`;
}

export async function startIngest(deps: IngestDeps): Promise<RunningIngest> {
  const app = Fastify({ logger: false });
  registerIngestRoutes(app, deps);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    close: () => app.close(),
    async post(path, body, headers = {}) {
      const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const response = await fetch(`${address}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: raw,
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: the test sees the text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
}
