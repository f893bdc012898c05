// Settings > Delete: after a confirmation; when deliveries are unfinished the API says so, and "delete anyway" drops them.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { ApiError, del } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import type { Destination } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { ConfirmPanel } from '../../components/confirm-panel.js';
import { destinationPath } from './destination-cache.js';

export function DeleteSection({ destination, readOnly }: { destination: Destination; readOnly: boolean }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const name = destination.name ?? destination.id;
  const remove = useMutation({
    mutationFn: (force: boolean) => del(`${destinationPath(destination.id)}${force ? '?force=true' : ''}`),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: keys.destination(destination.id) });
      await queryClient.invalidateQueries({ queryKey: keys.destinations, exact: true });
      navigate('~/');
    },
  });
  // 409 FERRY_ERR_CONFLICT: unfinished deliveries (force drops them); FERRY_ERR_CONFIG_MANAGED is a 409 too, and final.
  const unfinished = remove.error instanceof ApiError && remove.error.code === 'FERRY_ERR_CONFLICT';
  return (
    <section className="card stack" aria-labelledby="delete-heading">
      <h3 id="delete-heading">Delete</h3>
      {!asking ? (
        <p className="row">
          <button type="button" className="danger" disabled={readOnly} onClick={() => setAsking(true)}>
            Delete the destination…
          </button>
        </p>
      ) : (
        <ConfirmPanel
          id="delete-confirm"
          title={`Delete ${name}?`}
          confirmLabel={unfinished ? 'Delete anyway, dropping the unfinished deliveries' : 'Delete'}
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate(unfinished)}
          onCancel={() => {
            setAsking(false);
            remove.reset();
          }}
        >
          <p>Its settings, mappings and delivery history go; this cannot be undone. Its sources and their events stay.</p>
          <ErrorMessage error={remove.error} title="Not deleted" />
        </ConfirmPanel>
      )}
    </section>
  );
}
