// The ingest load: pre-serialized /v1/batch bodies posted over keep-alive connections by several concurrent clients.
import { Client } from 'undici';

export interface LoadResult {
  events: number;
  requests: number;
  seconds: number;
  eventsPerSecond: number;
  /** Answers other than 200 {"success": true}. */
  failures: number;
  firstFailure?: string;
}

/** Splits events into request bodies of `size` events each (serialized once, before any timing). */
export function batchBodies(events: readonly object[], size: number): { body: Buffer; events: number }[] {
  const bodies = [];
  for (let i = 0; i < events.length; i += size) {
    const batch = events.slice(i, i + size);
    bodies.push({ body: Buffer.from(JSON.stringify({ batch, sentAt: new Date().toISOString() })), events: batch.length });
  }
  return bodies;
}

/**
 * Posts every stream of bodies over its own keep-alive connection, all streams at once, each body after the answer to
 * the previous one; the clock runs from the first send to the last answer.
 */
export async function postAll(
  url: string, path: string, streams: readonly (readonly { body: Buffer; events: number }[])[], headers: Record<string, string>,
): Promise<LoadResult> {
  let failures = 0;
  let firstFailure: string | undefined;
  const clients = streams.map(() => new Client(url, { pipelining: 1, keepAliveTimeout: 30_000 }));
  const started = process.hrtime.bigint();
  await Promise.all(
    streams.map(async (bodies, c) => {
      for (const { body } of bodies) {
        const response = await clients[c]!.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json', ...headers } });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text !== '{"success":true}') {
          failures += 1;
          firstFailure ??= `${response.statusCode} ${text.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(clients.map((c) => c.close()));
  const events = streams.flat().reduce((sum, b) => sum + b.events, 0);
  const requests = streams.reduce((sum, s) => sum + s.length, 0);
  return { events, requests, seconds, eventsPerSecond: events / seconds, failures, ...(firstFailure ? { firstFailure } : {}) };
}
