// ferry's errors are values: a stable code, an HTTP status, a plain sentence for users, and where the problem is.
// One class and one list of codes for the tracking API, the admin API, config files and the CLI (docs/architecture.md).

/** Every code ferry answers, with what it means; docs/architecture.md lists the same (a test keeps them equal). */
export const ERROR_CODES = {
  FERRY_ERR_UNAUTHORIZED: 'no valid write key (tracking API) or admin token (admin API)',
  FERRY_ERR_CSRF: 'a request that changes something with a session cookie but without its X-CSRF-Token header (403)',
  FERRY_ERR_NOT_FOUND: 'no such route, source, destination, mapping or delivery',
  FERRY_ERR_JSON_INVALID: 'the body is not JSON ferry reads: bad syntax, nested deeper than 64 levels, a refused key',
  FERRY_ERR_REQUEST_INVALID: 'an admin API request whose parameters or body do not fit its schema',
  FERRY_ERR_REQUEST_TOO_LARGE: 'an admin API body over 1 MB',
  FERRY_ERR_EVENT_INVALID: 'an event without what Segment requires (type, userId or anonymousId, event for a track ...)',
  FERRY_ERR_EVENT_TOO_LARGE: 'an event over 32 KB',
  FERRY_ERR_BATCH_INVALID: 'a batch that is not a list of events, or whose batch-level fields are wrong',
  FERRY_ERR_BATCH_TOO_LARGE: 'a batch request over 500 KB',
  FERRY_ERR_BATCH_TOO_MANY_EVENTS: 'a batch of more than 2,500 events',
  FERRY_ERR_STORE_UNAVAILABLE: 'the store could not commit; nothing was stored, retry later (503)',
  FERRY_ERR_CONFIG_INVALID: 'a config file, setting or admin API body that breaks the config rules (file:line: path)',
  FERRY_ERR_MAPPING_LIMIT: 'a 51st mapping for one destination',
  FERRY_ERR_MAPPING_DIRECTIVE: 'a mapping-kit directive ferry cannot compile',
  FERRY_ERR_MAPPING_TOO_LARGE: 'a mapping over 64 KB as JSON or nested deeper than 64 levels',
  FERRY_ERR_TRIGGER_INVALID: 'a trigger that is not valid FQL',
  FERRY_ERR_TRIGGER_TOO_LARGE: 'a trigger longer than 8 KB or with more than 100 conditions',
  FERRY_ERR_UNKNOWN_ACTION: 'a mapping naming an action its destination does not have',
  FERRY_ERR_PAYLOAD_INVALID: "a mapped payload that does not fit the action's fields",
  FERRY_ERR_CONFLICT: 'the change contradicts what is stored: an id taken, a delete that would drop queued deliveries (409)',
  FERRY_ERR_CONFIG_MANAGED: 'a change through the admin API to what the --config file lists, which every start applies again (409)',
  FERRY_ERR_ENDPOINT_REFUSED: "a destination's credentials may not go to its endpoint (R22; FERRY_ALLOW_CUSTOM_ENDPOINTS)",
  FERRY_ERR_OAUTH_NOT_CONFIGURED: 'OAuth connect without the client id and secret, or for a destination type without OAuth',
  FERRY_ERR_SECRET: 'a secret cannot be stored or read: no secret key, the wrong key, or a damaged value',
  FERRY_ERR_INTERNAL: 'a defect in ferry (logged); nothing was stored',
} as const;

export type FerryErrorCode = keyof typeof ERROR_CODES;

/** One problem with one value: `path` names the field (`userId`, `batch[3].event`). */
export interface FerryIssue {
  code: FerryErrorCode;
  message: string;
  path?: string;
}

/** A batch item that was not stored, reported back with its position in `batch`. */
export interface Rejection extends FerryIssue {
  index: number;
}

export interface FerryErrorDetails {
  /** Dotted path of the problem inside its document (a mapping, a payload, a config file, a request body). */
  path?: string;
  /** The payload field the problem is about. */
  field?: string;
  file?: string;
  line?: number;
  /** The items of a batch that were refused, each with its own problem. */
  rejected?: Rejection[];
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

  /** The error for one issue. */
  static of(issue: FerryIssue, status = 400): FerryError {
    return new FerryError(issue.code, issue.message, issue.path === undefined ? {} : { path: issue.path }, status);
  }

  /** `{code, message}` and where: what the APIs answer (a batch's rejected items are answered beside it). */
  toJSON() {
    const { rejected: _rejected, ...where } = this.details;
    return { code: this.code, message: this.message, ...where };
  }
}

/** `{path}` when there is one: the details of an error about a place in a body. */
export const at = (path: string | undefined): FerryErrorDetails => (path === undefined || path === '' ? {} : { path });
