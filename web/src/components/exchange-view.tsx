// One request to the destination and its answer: method, URL, status and time, then both bodies.
import type { Exchange } from '../api/types.js';
import { JsonBlock } from './json-block.js';

const statusClass = (status: number) => (status >= 200 && status < 300 ? 'badge-on' : status === 0 || status >= 500 || status === 429 ? 'badge-warn' : 'badge-bad');

export function ExchangeView({ exchange, index }: { exchange: Exchange; index: number }) {
  const path = (() => {
    try {
      const url = new URL(exchange.url);
      return url.pathname + url.search;
    } catch {
      return exchange.url;
    }
  })();
  return (
    <details className="exchange" open={index === 0}>
      <summary>
        <span className="mono">
          {exchange.method} {path}
        </span>{' '}
        <span className={`badge ${statusClass(exchange.status)}`}>{exchange.status === 0 ? 'no answer' : exchange.status}</span>{' '}
        <span className="hint">{Math.round(exchange.durationMs)} ms</span>
      </summary>
      <div className="exchange-bodies">
        <div>
          <h4>Request</h4>
          <p className="hint mono">{exchange.url}</p>
          <JsonBlock value={exchange.body} label={`Request ${index + 1} body`} />
        </div>
        <div>
          <h4>Answer</h4>
          <JsonBlock value={exchange.response} label={`Answer ${index + 1} body`} />
        </div>
      </div>
    </details>
  );
}
