// An Intercom client whose every request first waits for the workspace's rate pacer (R20).
import { setTimeout as sleep } from 'node:timers/promises';
import type { IntercomClient, IntercomMethod, IntercomResponse } from '../destinations/intercom/client/index.js';
import { RatePacer, readRateLimitHeaders } from './pacer.js';

export class PacedClient {
  constructor(
    private readonly client: Pick<IntercomClient, 'request'>,
    private readonly pacer: RatePacer,
    /** Called with each wait, for the rate-limit-wait metric. */
    private readonly onWait: (ms: number) => void = () => {},
  ) {}

  async request(method: IntercomMethod, path: string, body?: unknown): Promise<IntercomResponse> {
    for (let wait = this.pacer.reserve(Date.now()); wait > 0; wait = this.pacer.reserve(Date.now())) {
      this.onWait(wait);
      await sleep(wait);
    }
    let response: IntercomResponse;
    try {
      response = await this.client.request(method, path, body);
    } catch (error) {
      this.pacer.abandon();
      throw error;
    }
    this.pacer.observe(readRateLimitHeaders(response.headers));
    return response;
  }
}
