// One delivery: the event, every attempt with its requests and answers, warnings up front, replay, links back.
import { Link, useSearch } from 'wouter';
import { ErrorMessage } from '../../components/error-message.js';
import { JsonBlock } from '../../components/json-block.js';
import { Loading } from '../../components/loading.js';
import { AttemptView } from './attempt-view.js';
import { formatTime } from './delivery-format.js';
import { useDelivery } from './delivery-queries.js';
import type { DeliveryDetail } from './delivery-types.js';
import { ReplayOne } from './replay-one.js';
import { StateBadge } from './state-badge.js';
import './deliveries.css';
import { noteFor } from './warning-notes.js';

export function DeliveryDetailPage({ deliveryId }: { deliveryId: string }) {
  const { data: delivery, error, isPending } = useDelivery(deliveryId);
  const listSearch = new URLSearchParams(useSearch()).get('list') ?? '';
  return (
    <section className="delivery-detail" aria-labelledby="delivery-heading">
      <h1 id="delivery-heading">Delivery</h1>
      {isPending && <Loading what="Loading the delivery" />}
      <ErrorMessage error={error} title={`Delivery ${deliveryId} could not be loaded`} />
      {delivery && <DeliveryBody delivery={delivery} listSearch={listSearch} />}
    </section>
  );
}

function DeliveryBody({ delivery, listSearch }: { delivery: DeliveryDetail; listSearch: string }) {
  const list = `/destinations/${encodeURIComponent(delivery.destinationId)}/deliveries`;
  return (
    <>
      <p className="row delivery-title">
        <span className="mono">#{delivery.id}</span>
        <span>
          {delivery.eventType} for <span className="mono">{delivery.person}</span>
        </span>
        <StateBadge state={delivery.state} />
      </p>
      <nav aria-label="Related deliveries" className="row related-links">
        <Link href={listSearch ? `${list}?${listSearch}` : list}>{listSearch ? 'Back to the filtered deliveries' : `Deliveries of ${delivery.destinationId}`}</Link>
        <Link href={`${list}?person=${encodeURIComponent(delivery.person)}`}>Every delivery of {delivery.person}</Link>
        {delivery.replayOf !== null && <Link href={`/deliveries/${delivery.replayOf}`}>The delivery it replays (#{delivery.replayOf})</Link>}
        {delivery.replayedBy !== null && <Link href={`/deliveries/${delivery.replayedBy}`}>Its replay (#{delivery.replayedBy})</Link>}
      </nav>
      {delivery.warnings.length > 0 && (
        <div className="warning-panel" role="note" aria-labelledby="warnings-heading">
          <h2 id="warnings-heading">Warnings ({delivery.warnings.length})</h2>
          <ul>
            {delivery.warnings.map((warning) => (
              <li key={warning}>
                {warning}
                {noteFor(warning) && <p className="hint">{noteFor(warning)}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {delivery.lastError && (
        <div className="error-message" aria-label="Last error">
          <strong>Last error: </strong>
          {delivery.lastError.message}
          {delivery.lastError.code && !delivery.lastError.message.includes(delivery.lastError.code) && <span className="error-code"> ({delivery.lastError.code})</span>}
        </div>
      )}
      <ReplayOne key={delivery.id} delivery={delivery} />
      <h2>Summary</h2>
      <dl className="delivery-facts">
        <dt>Destination</dt>
        <dd><Link href={`/destinations/${encodeURIComponent(delivery.destinationId)}/settings`}>{delivery.destinationId}</Link></dd>
        <dt>Mapping</dt>
        <dd>{delivery.mapping ?? 'none matched'}</dd>
        <dt>Action</dt>
        <dd className="mono">{delivery.action ?? '–'}</dd>
        <dt>Person</dt>
        <dd className="mono">{delivery.person}</dd>
        <dt>Message id</dt>
        <dd className="mono">{delivery.messageId}</dd>
        <dt>Queued</dt>
        <dd>{formatTime(delivery.queuedAt)}</dd>
        <dt>Finished</dt>
        <dd>{delivery.finishedAt ? formatTime(delivery.finishedAt) : 'not yet'}</dd>
        {delivery.nextAttemptAt && (
          <>
            <dt>Next attempt</dt>
            <dd>{formatTime(delivery.nextAttemptAt)}</dd>
          </>
        )}
      </dl>
      <h2>Attempts ({delivery.attemptLog.length})</h2>
      {delivery.attemptLog.length === 0 && <p className="hint">No attempt yet.</p>}
      <div className="stack">
        {delivery.attemptLog.map((attempt) => <AttemptView key={attempt.number} attempt={attempt} />)}
      </div>
      <h2>Event</h2>
      <JsonBlock value={delivery.event} label="The event as ferry stored it" />
    </>
  );
}
