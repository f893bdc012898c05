// Shows an error where the user acted: the API's own words, its code, and the field or path it names.
import { ApiError } from '../api/client.js';

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="error-message">
      {title && <strong>{title}: </strong>}
      <span>{message}</span>
      {apiError?.path && (
        <span className="error-path">
          {' '}at <code>{apiError.path}</code>
        </span>
      )}
      {apiError && apiError.status > 0 && <span className="error-code"> ({apiError.code})</span>}
    </div>
  );
}
