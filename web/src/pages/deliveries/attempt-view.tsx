// One attempt of a delivery: when, how long, its outcome, its error and warnings, every request to the destination.
import { ExchangeView } from '../../components/exchange-view.js';
import { formatDuration, formatTime } from './delivery-format.js';
import type { Attempt } from './delivery-types.js';

const OUTCOMES: Record<string, [string, string]> = {
  delivered: ['Delivered', 'badge-on'],
  'delivered-with-warnings': ['Delivered with warnings', 'badge-warn'],
  retrying: ['Failed; tried again later', 'badge-warn'],
  rejected: ['Rejected', 'badge-bad'],
  filtered: ['Not sent', 'badge-off'],
};

export function AttemptView({ attempt }: { attempt: Attempt }) {
  const [label, badge] = OUTCOMES[attempt.status] ?? [attempt.status, 'badge-off'];
  return (
    <article className="card attempt" aria-labelledby={`attempt-${attempt.number}`}>
      <header className="row">
        <h3 id={`attempt-${attempt.number}`}>Attempt {attempt.number}</h3>
        <span className={`badge ${badge}`}>{label}</span>
        <span className="hint">
          {formatTime(attempt.startedAt)}, took {formatDuration(attempt.durationMs)}
        </span>
      </header>
      {attempt.error && (
        <p className="field-error">
          {attempt.error.message}
          {attempt.error.code && !attempt.error.message.includes(attempt.error.code) && <span className="error-code"> ({attempt.error.code})</span>}
        </p>
      )}
      {attempt.warnings.length > 0 && (
        <div className="warning-panel" role="note" aria-label={`Warnings of attempt ${attempt.number}`}>
          <strong>Warnings</strong>
          <ul>
            {attempt.warnings.map((warning) => <li key={warning}>{warning}</li>)}
          </ul>
        </div>
      )}
      {attempt.requests.length === 0 ? (
        <p className="hint">No request was made to the destination in this attempt.</p>
      ) : (
        <>
          <h4>Requests to the destination ({attempt.requests.length})</h4>
          {attempt.requests.map((exchange, index) => <ExchangeView key={index} exchange={exchange} index={index} />)}
        </>
      )}
    </article>
  );
}
