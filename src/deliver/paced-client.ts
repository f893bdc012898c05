// A destination client whose every request first waits for its account's rate pacer (R20).
import { setTimeout as sleep } from 'node:timers/promises';
import type { DestinationApi, DestinationResponse, HttpMethod } from '../destinations/kit/exchange.js';
import { readRateLimitHeaders, type Pacer } from './pacer.js';

export class PacedClient {
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
    try {
      response = await this.client.request(method, path, body);
    } catch (error) {
      this.pacer.abandon();
      throw error;
    }
    await this.pacer.observe(readRateLimitHeaders(response.headers));
    return response;
  }
}
