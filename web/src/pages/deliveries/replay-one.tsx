// Replays one finished delivery: a new delivery of the same event through the same mapping, linked when queued.
import { Link } from 'wouter';
import { ErrorMessage } from '../../components/error-message.js';
import { useReplayOne } from './delivery-queries.js';
import type { DeliveryDetail } from './delivery-types.js';

const UNFINISHED = ['pending', 'retrying', 'leased'];

export function ReplayOne({ delivery }: { delivery: DeliveryDetail }) {
  const replay = useReplayOne(delivery.id);
  const unfinished = UNFINISHED.includes(delivery.state);
  const why = unfinished
    ? 'It can be replayed once it has finished.'
    : delivery.mapping === null
      ? 'No mapping matched its event: there is nothing to replay.'
      : undefined;
  return (
    <div className="replay-one">
      <button type="button" onClick={() => replay.mutate()} disabled={why !== undefined || replay.isPending} aria-describedby={why ? 'replay-why' : undefined}>
        {replay.isPending ? 'Replaying…' : 'Replay this delivery'}
      </button>
      {why && <p id="replay-why" className="hint">{why}</p>}
      <ErrorMessage error={replay.error} title="The replay failed" />
      <div role="status">
        {replay.data && (
          <p className="notice">
            Queued as <Link href={`~/deliveries/${replay.data.id}`}>delivery #{replay.data.id}</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
