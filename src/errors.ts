// ferry's errors are values: a stable code, an HTTP status, a plain sentence for users, and where the problem is.

export type FerryErrorCode =
  | 'FERRY_ERR_MAPPING_LIMIT'
  | 'FERRY_ERR_MAPPING_DIRECTIVE'
  | 'FERRY_ERR_TRIGGER_INVALID'
  /** A trigger longer than 8 KB or with more than 100 conditions. */
  | 'FERRY_ERR_TRIGGER_TOO_LARGE'
  /** A mapping over 64 KB as JSON or nested deeper than 64 levels. */
  | 'FERRY_ERR_MAPPING_TOO_LARGE'
  | 'FERRY_ERR_UNKNOWN_ACTION'
  | 'FERRY_ERR_PAYLOAD_INVALID'
  | 'FERRY_ERR_CONFIG_INVALID'
  | 'FERRY_ERR_EVENT_INVALID'
  /** The change contradicts what is stored (an id taken, a delete that would drop queued deliveries): 409. */
  | 'FERRY_ERR_CONFLICT'
  /** A secret cannot be stored or read: no secret key, the wrong key, or a damaged value. */
  | 'FERRY_ERR_SECRET';

export interface FerryErrorDetails {
  /** Dotted path of the problem inside its document (a mapping, a payload, a config file). */
  path?: string;
  /** The payload field the problem is about. */
  field?: string;
  file?: string;
  line?: number;
}

export class FerryError extends Error {
  constructor(
    readonly code: FerryErrorCode,
    message: string,
    readonly details: FerryErrorDetails = {},
    readonly status = 400,
  ) {
    super(message);
    this.name = 'FerryError';
  }

  toJSON() {
    return { code: this.code, message: this.message, ...this.details };
  }
}
