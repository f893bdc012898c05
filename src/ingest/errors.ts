// The tracking API's error body: Segment-style `{"success": false, "error": {...}}`, with a batch's refused items.
import type { FerryError, FerryIssue, Rejection } from '../errors.js';

export interface ErrorBody {
  success: false;
  error: FerryIssue;
  rejected?: Rejection[];
}

/** The body of every non-2xx answer of the tracking API. */
export function errorBody(error: FerryError): ErrorBody {
  const issue: FerryIssue = { code: error.code, message: error.message };
  if (error.details.path !== undefined) issue.path = error.details.path;
  const { rejected } = error.details;
  return rejected ? { success: false, error: issue, rejected } : { success: false, error: issue };
}
