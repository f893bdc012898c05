// The SQLite writer on a worker thread: event inserts and the job queue's writes leave the HTTP thread, so parsing
// requests and writing them run on two cores. One write at a time, in the order asked; each call answers after it.
import { Worker } from 'node:worker_threads';
import type { WriterData, WriterOperation } from './writer-worker.js';

export interface WriterRequest {
  id: number;
  op: WriterOperation;
  args: unknown[];
}

export type WriterReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code: string | undefined } };

interface Waiting {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Under the TypeScript sources (tests, tsx) the worker is loaded through tsx; built, it is the bundle's entry. */
function spawnWorker(data: WriterData): Worker {
  const here = import.meta.url;
  // The thread keeps nothing between writes: a small young generation keeps its garbage (and ferry's RSS) small.
  const options = { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } };
  // Bundled (scripts/bundle-cli.ts): this code is in dist/chunks/, the worker its own entry, dist/sqlite-writer.mjs.
  if (!here.endsWith('.ts')) return new Worker(new URL('../sqlite-writer.mjs', here), options);
  const source = JSON.stringify(new URL('./writer-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${source}); })`, { ...options, eval: true });
}

export class WriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Set once the thread failed or was closed: every later call rejects with it. */
  private failure: Error | undefined;

  constructor(data: WriterData) {
    this.worker = spawnWorker(data);
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread exited (code ${code})`)));
  }

  call<T>(op: WriterOperation, ...args: unknown[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, op, args } satisfies WriterRequest);
    });
  }

  /** Closes the thread's connection once the writes already asked for are done, then ends the thread. */
  async close(): Promise<void> {
    if (this.failure) return;
    await this.call('close').catch(() => undefined);
    this.failure = new Error('the SQLite writer thread is closed');
    await this.worker.terminate();
  }

  private settle(reply: WriterReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code }));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
