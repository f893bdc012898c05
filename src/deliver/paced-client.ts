// A destination client whose every request first waits for its account's rate pacer (R20), and measures the answers'
// latency (for the number of jobs in flight).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DestinationApi, DestinationResponse, HttpMethod } from '../destinations/kit/exchange.js';
import { readRateLimitHeaders, type Pacer } from './pacer.js';
import { LatencyMeter } from './concurrency.js';

export class PacedClient {
  /** From sending a request (after the pacer let it go) to its answer. */
  readonly latency = new LatencyMeter();

  constructor(
    private readonly client: DestinationApi,
    private readonly pacer: Pacer,
    /** Called with each wait, for the rate-limit-wait metric. */
    private readonly onWait: (ms: number) => void = () => {},
  ) {}

  async request(method: HttpMethod, path: string, body?: unknown): Promise<DestinationResponse> {
    for (let wait = await this.pacer.reserve(Date.now()); wait > 0; wait = await this.pacer.reserve(Date.now())) {
      this.onWait(wait);
      await sleep(wait);
    }
    let response: DestinationResponse;
    const sentAt = performance.now();
    try {
      response = await this.client.request(method, path, body);
    } catch (error) {
      this.pacer.abandon();
      throw error;
    }
    this.latency.observe(performance.now() - sentAt);
    await this.pacer.observe(readRateLimitHeaders(response.headers));
    return response;
  }
}
