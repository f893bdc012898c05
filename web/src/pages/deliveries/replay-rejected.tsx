// Replays every rejected delivery matching the list's filter, after a confirmation that says how many and which.
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { describeReplayFilter, type DeliveryFilters } from './delivery-filters.js';
import { useRejectedCount, useReplayRejected } from './delivery-queries.js';
import type { ReplayManyAnswer } from './delivery-types.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ReplayRejected({ id, filters }: { id: string; filters: DeliveryFilters }) {
  const [confirming, setConfirming] = useState(false);
  const count = useRejectedCount(id, filters, confirming);
  const replay = useReplayRejected(id);
  const which = describeReplayFilter(filters);

  const start = () => {
    replay.reset();
    setConfirming(true);
  };
  const confirm = () =>
    replay.mutate(filters, { onSettled: () => setConfirming(false) });

  const howMany = count.data
    ? `${count.data.more ? 'at least ' : ''}${plural(count.data.count, 'rejected delivery', 'rejected deliveries')}`
    : 'the rejected deliveries';

  return (
    <div className="replay-rejected">
      {!confirming && (
        <button type="button" className="secondary" onClick={start}>
          Replay rejected deliveries…
        </button>
      )}
      {confirming && (
        <div className="notice" role="group" aria-label="Confirm the replay">
          {count.isPending ? (
            <p>Counting the rejected deliveries matching {which}…</p>
          ) : (
            <p>
              Replay {howMany} matching <strong>{which}</strong>? Each becomes a new delivery of the same event through the
              same mapping; deliveries replayed already are left alone.
            </p>
          )}
          <ErrorMessage error={count.error} title="The rejected deliveries could not be counted" />
          <div className="row">
            <button type="button" onClick={confirm} disabled={replay.isPending || count.data?.count === 0}>
              {replay.isPending ? 'Replaying…' : count.data ? `Replay ${howMany}` : 'Replay them'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ErrorMessage error={replay.error} title="The replay failed" />
      <div role="status">{replay.data && <ReplayAnswer answer={replay.data} />}</div>
    </div>
  );
}

function ReplayAnswer({ answer }: { answer: ReplayManyAnswer }) {
  return (
    <p className="notice">
      {answer.count === 0 ? 'No rejected delivery matched: nothing was replayed.' : `Replaying ${plural(answer.count, 'delivery', 'deliveries')}; they show in the list as they are sent.`}
      {answer.skipped > 0 && ` ${plural(answer.skipped, 'delivery was', 'deliveries were')} left alone: its mapping no longer exists.`}
      {answer.more && ` More than ${answer.limit} matched: replay again for the next ones.`}
    </p>
  );
}
