// A source's recent events, asked for again every 3 s: time, type, name, person, each delivery's state, the event JSON.
import { useState } from 'react';
import { Link } from 'wouter';
import { ErrorMessage } from '../../components/error-message.js';
import { JsonBlock } from '../../components/json-block.js';
import { Loading } from '../../components/loading.js';
import { useSourceEvents, type DeliveryState, type SourceEvent, type SourceEventDelivery } from './source-events-api.js';

export const LIVE_REFRESH_MS = 3_000;

const STATES: Record<DeliveryState, [string, string]> = {
  pending: ['waiting', 'badge-off'],
  leased: ['sending', 'badge-off'],
  retrying: ['retrying', 'badge-warn'],
  delivered: ['delivered', 'badge-on'],
  'delivered-with-warnings': ['delivered with warnings', 'badge-warn'],
  rejected: ['rejected', 'badge-bad'],
  filtered: ['no mapping matched', 'badge-off'],
};

export function LiveEvents({ sourceId }: { sourceId: string }) {
  const [live, setLive] = useState(true);
  const { data, error, isPending, dataUpdatedAt } = useSourceEvents(sourceId, { limit: 50, refreshMs: live ? LIVE_REFRESH_MS : false });
  return (
    <div>
      <p className="row">
        <label className="inline">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live: look again every 3 seconds
        </label>
        {dataUpdatedAt > 0 && <span className="hint">Last looked at {new Date(dataUpdatedAt).toLocaleTimeString()}</span>}
      </p>
      {isPending && <Loading what="Loading the recent events" />}
      <ErrorMessage error={error} title="The events could not be loaded" />
      {data && data.events.length === 0 && (
        <div className="notice">
          <p>
            <strong>No events from this source yet.</strong> Send one with a snippet above — the curl command is quickest — and
            it shows here within seconds, with what each destination did with it.
          </p>
        </div>
      )}
      {data && data.events.length > 0 && (
        <ol className="live-events" aria-label="Recent events, newest first">
          {data.events.map((event) => (
            <EventItem key={event.id} event={event} />
          ))}
        </ol>
      )}
    </div>
  );
}

function EventItem({ event }: { event: SourceEvent }) {
  const person = event.userId ? `userId ${event.userId}` : event.anonymousId ? `anonymousId ${event.anonymousId}` : 'no person';
  return (
    <li aria-label={`${event.type}${event.event ? ` ${event.event}` : ''}, ${person}`}>
      <div className="event-head">
        <time dateTime={event.receivedAt} title={new Date(event.receivedAt).toLocaleString()}>
          {new Date(event.receivedAt).toLocaleTimeString()}
        </time>
        <strong>{event.type}</strong>
        {event.event && <span>{event.event}</span>}
        <span className="mono">{person}</span>
      </div>
      {event.deliveries.length === 0 ? (
        <p className="hint">No destination takes events from this source.</p>
      ) : (
        <ul className="deliveries" aria-label="Deliveries">
          {event.deliveries.map((delivery) => (
            <DeliveryBadge key={delivery.id} delivery={delivery} />
          ))}
        </ul>
      )}
      <details>
        <summary>Event JSON</summary>
        <JsonBlock value={event.payload} label={`Event ${event.messageId} as stored`} />
      </details>
    </li>
  );
}

function DeliveryBadge({ delivery }: { delivery: SourceEventDelivery }) {
  const [label, badge] = STATES[delivery.state] ?? [delivery.state, 'badge-off'];
  const what = `${delivery.destinationId}${delivery.mapping ? ` · ${delivery.mapping}` : ''}`;
  return (
    <li>
      <Link href={`~/deliveries/${delivery.id}`} className={`badge ${badge}`}>
        {what}: {label}
      </Link>
    </li>
  );
}
