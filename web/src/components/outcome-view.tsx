// What a mapping did with an event: its state, why (filtered, error, retry), warnings, the payload, every exchange.
import type { Outcome, OutcomeStatus } from '../api/types.js';
import { ExchangeView } from './exchange-view.js';
import { JsonBlock } from './json-block.js';

const LABELS: Record<OutcomeStatus, [string, string]> = {
  delivered: ['Delivered', 'badge-on'],
  'delivered-with-warnings': ['Delivered with warnings', 'badge-warn'],
  retrying: ['Would retry', 'badge-warn'],
  rejected: ['Rejected', 'badge-bad'],
  filtered: ['Not sent', 'badge-off'],
};

export function OutcomeView({ outcome }: { outcome: Outcome }) {
  const [label, badge] = LABELS[outcome.status];
  return (
    <article className="card outcome" aria-label={`Mapping ${outcome.mapping}: ${label}`}>
      <header className="row">
        <h3>{outcome.mapping}</h3>
        <span className="hint">{outcome.action}</span>
        <span className={`badge ${badge}`}>{label}</span>
      </header>
      {outcome.reason && <p>{outcome.reason}</p>}
      {outcome.error && (
        <p className="field-error">
          {outcome.error.message}
          {outcome.error.field && (
            <>
              {' '}
              (field <code>{outcome.error.field}</code>)
            </>
          )}
          {outcome.error.code && <span className="error-code"> {outcome.error.code}</span>}
        </p>
      )}
      {outcome.pauseDestination && (
        <p className="field-error">The destination refused the credentials: connect it again or give a new token in Settings.</p>
      )}
      {outcome.retry && (
        <p className="hint">
          {outcome.retry.finalReason ?? `A delivery would be tried again${outcome.retry.delayMs !== undefined ? ` in ${Math.round(outcome.retry.delayMs / 1000)} s` : ''}.`}
        </p>
      )}
      {outcome.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {outcome.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {outcome.payload && (
        <details>
          <summary>Mapped payload</summary>
          <JsonBlock value={outcome.payload} label={`Mapped payload of ${outcome.mapping}`} />
        </details>
      )}
      {outcome.requests.length > 0 && <h4>Requests to the destination ({outcome.requests.length})</h4>}
      {outcome.requests.map((exchange, index) => (
        <ExchangeView key={index} exchange={exchange} index={index} />
      ))}
    </article>
  );
}
