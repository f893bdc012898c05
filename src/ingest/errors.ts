// Tracking API errors as values: a stable code, an HTTP status, a sentence for users and where the problem is.

export type IngestErrorCode =
  | 'FERRY_ERR_UNAUTHORIZED'
  | 'FERRY_ERR_JSON_INVALID'
  | 'FERRY_ERR_EVENT_TOO_LARGE'
  | 'FERRY_ERR_BATCH_TOO_LARGE'
  | 'FERRY_ERR_BATCH_TOO_MANY_EVENTS'
  | 'FERRY_ERR_EVENT_INVALID'
  | 'FERRY_ERR_BATCH_INVALID'
  | 'FERRY_ERR_NOT_FOUND'
  | 'FERRY_ERR_STORE_UNAVAILABLE'
  | 'FERRY_ERR_INTERNAL';

/** One problem with one event: `path` names the field (`userId`, `batch[3].event`). */
export interface IngestIssue {
  code: IngestErrorCode;
  message: string;
  path?: string;
}

/** A batch item that was not stored, reported back with its position in `batch`. */
export interface Rejection extends IngestIssue {
  index: number;
}

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly status = 400,
    readonly path?: string,
    readonly rejected?: Rejection[],
  ) {
    super(message);
    this.name = 'IngestError';
  }

  static of(issue: IngestIssue, status = 400): IngestError {
    return new IngestError(issue.code, issue.message, status, issue.path);
  }
}

export interface ErrorBody {
  success: false;
  error: IngestIssue;
  rejected?: Rejection[];
}

/** The body of every non-2xx answer of the tracking API. */
export function errorBody(error: IngestError): ErrorBody {
  const issue: IngestIssue = { code: error.code, message: error.message };
  if (error.path !== undefined) issue.path = error.path;
  return error.rejected ? { success: false, error: issue, rejected: error.rejected } : { success: false, error: issue };
}
