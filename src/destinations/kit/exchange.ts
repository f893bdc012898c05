// One request to a destination's API as ferry records it, the answer a client gives, and the error for no answer.
import type { HttpExchange } from '../../store/roles/job-queue.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What went on the wire and what came back, without credentials: kept on every delivery attempt (the store's type). */
export type Exchange = HttpExchange;

export interface DestinationResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, undefined for an empty body, or the text when it is not JSON. */
  body: unknown;
  exchange: Exchange;
}

/** What an action calls: one HTTP exchange with the destination's API. */
export interface DestinationApi {
  request(method: HttpMethod, path: string, body?: unknown): Promise<DestinationResponse>;
}

/** A definition's client: requests plus the pool it holds, released by `close`. */
export interface DestinationClient extends DestinationApi {
  close(): Promise<void>;
}

export type TransportErrorKind = 'timeout' | 'network';

/** No HTTP answer: the request timed out or the connection failed. Its message never carries a credential. */
export class TransportError extends Error {
  override readonly name: string = 'TransportError';

  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly exchange: Omit<Exchange, 'status' | 'response'>,
    /** The underlying error's code (ECONNREFUSED, UND_ERR_SOCKET ...), when it had one. */
    readonly causeCode?: string,
  ) {
    super(message);
  }
}
