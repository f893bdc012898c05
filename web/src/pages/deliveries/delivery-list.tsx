// The delivery list: newest first, one row per delivery, each person a link to their deliveries; "Load more" pages on.
import { Link } from 'wouter';
import type { Delivery } from './delivery-types.js';
import { formatTime, reasonOf } from './delivery-format.js';
import { StateBadge } from './state-badge.js';

interface Props {
  deliveries: Delivery[];
  /** The list's query string, carried to a delivery's page so it can link back to this view. */
  listSearch: string;
  personHref: (person: string) => string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

export function DeliveryList({ deliveries, listSearch, personHref, hasMore, loadingMore, onLoadMore }: Props) {
  const back = listSearch ? `?list=${encodeURIComponent(listSearch)}` : '';
  return (
    <>
      <div className="table-scroll">
        <table className="delivery-table">
          <caption className="visually-hidden">Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Person</th>
              <th scope="col">Event</th>
              <th scope="col">Mapping and action</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td data-label="Time">
                  <Link href={`~/deliveries/${d.id}${back}`} aria-label={`Delivery ${d.id}, ${formatTime(d.queuedAt)}`}>
                    {formatTime(d.queuedAt)}
                  </Link>
                </td>
                <td data-label="Person">
                  <Link href={personHref(d.person)} className="mono" title="Every delivery of this person, in order">
                    {d.person}
                  </Link>
                </td>
                <td data-label="Event">{d.eventType}</td>
                <td data-label="Mapping and action">
                  {d.mapping ?? <span className="hint">no mapping</span>}
                  {d.action && <div className="hint mono">{d.action}</div>}
                </td>
                <td data-label="State">
                  <StateBadge state={d.state} />
                  {d.replayedBy !== null && <div className="hint">replayed by #{d.replayedBy}</div>}
                </td>
                <td data-label="Attempts">{d.attempts}</td>
                <td data-label="Reason" className={d.lastError ? 'reason reason-error' : d.warnings.length > 0 ? 'reason reason-warn' : 'reason'}>{reasonOf(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasMore && (
        <p>
          <button type="button" className="secondary" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading more…' : 'Load more'}
          </button>
        </p>
      )}
    </>
  );
}
