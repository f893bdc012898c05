// Settings > Delivery: enable the destination after a confirmation naming what starts flowing, or disable it.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { post } from '../../api/client.js';
import type { Destination, Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { stateOf } from '../destinations/destination-summary.js';
import { ConfirmPanel } from '../../components/confirm-panel.js';
import { destinationPath, useStoreDestination } from './destination-cache.js';
import { enableSummary } from './enable-text.js';

interface Props {
  destination: Destination;
  sources?: Source[];
  typeTitle: string;
  workspace?: string;
  readOnly: boolean;
}

export function DeliverySection({ destination, sources, typeTitle, workspace, readOnly }: Props) {
  const storeDestination = useStoreDestination();
  const [asking, setAsking] = useState(false);
  const action = destination.enabled ? 'disable' : 'enable';
  const change = useMutation({
    mutationFn: () => post<Destination>(`${destinationPath(destination.id)}/${action}`),
    onSuccess: async (saved) => {
      setAsking(false);
      await storeDestination(saved);
    },
  });
  const state = stateOf(destination);
  const name = destination.name ?? destination.id;
  return (
    <section className="card stack" aria-labelledby="delivery-heading">
      <h3 id="delivery-heading">Delivery</h3>
      <p>
        <span className={`badge ${state.badge}`}>{state.label}</span>{' '}
        {destination.enabled
          ? 'Events are delivered as they arrive.'
          : 'Events are stored but not delivered here: the destination is disabled until you enable it.'}
      </p>
      {change.isSuccess && <p role="status">{destination.enabled ? `${name} is enabled.` : `${name} is disabled.`}</p>}
      {!asking && (
        <p className="row">
          <button type="button" className={destination.enabled ? 'secondary' : undefined} disabled={readOnly} onClick={() => setAsking(true)}>
            {destination.enabled ? 'Disable the destination…' : 'Enable the destination…'}
          </button>
        </p>
      )}
      {asking && (
        <ConfirmPanel
          id="delivery-confirm"
          title={destination.enabled ? `Disable ${name}?` : `Enable ${name}?`}
          confirmLabel={destination.enabled ? 'Disable' : 'Enable and start delivering'}
          busy={change.isPending}
          onConfirm={() => change.mutate()}
          onCancel={() => {
            setAsking(false);
            change.reset();
          }}
        >
          <p>
            {destination.enabled
              ? `Events stop being delivered to ${typeTitle}; the ones already queued wait until you enable it again.`
              : enableSummary({ destination, sources, typeTitle, workspace })}
          </p>
          {!destination.enabled && destination.pausedReason && (
            <p>It stays paused until its credentials are fixed: {destination.pausedReason}.</p>
          )}
        </ConfirmPanel>
      )}
      <ErrorMessage error={change.error} title={`The destination was not ${action}d`} />
    </section>
  );
}
