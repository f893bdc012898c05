// One source in the list: id, name, masked write key, a link to its page; rotate the key or delete it after confirming.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ApiError, del, post } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import type { Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { ManagedNotice } from '../../components/managed-notice.js';
import { ConfirmPanel } from '../../components/confirm-panel.js';
import { NewKeyNotice } from './new-key-notice.js';

type Step = 'idle' | 'confirm-rotate' | 'confirm-delete';

export function SourceCard({ source }: { source: Source }) {
  const [step, setStep] = useState<Step>('idle');
  const [newKey, setNewKey] = useState<string>();
  const queryClient = useQueryClient();
  const path = `/api/sources/${encodeURIComponent(source.id)}`;
  const rotate = useMutation({
    mutationFn: () => post<Source>(`${path}/rotate-write-key`),
    onSuccess: async (rotated) => {
      setNewKey(rotated.writeKey);
      setStep('idle');
      await queryClient.invalidateQueries({ queryKey: keys.sources });
    },
  });
  const remove = useMutation({
    mutationFn: (force: boolean) => del(`${path}${force ? '?force=true' : ''}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.sources });
    },
  });
  const managed = source.managedByConfig === true;
  // Refused while deliveries of its events are unfinished: the API names how many; forcing drops them.
  const canForce = remove.error instanceof ApiError && remove.error.status === 409 && remove.error.code === 'FERRY_ERR_CONFLICT';
  const label = source.name ?? source.id;
  return (
    <article className="card source-card" aria-labelledby={`source-${source.id}`}>
      <h3 id={`source-${source.id}`}>
        <Link href={`/sources/${encodeURIComponent(source.id)}`}>{label}</Link>
      </h3>
      <dl className="facts">
        <dt>Id</dt>
        <dd className="mono">{source.id}</dd>
        <dt>Write key</dt>
        <dd className="mono">****{source.writeKey.slice(-4)}</dd>
      </dl>
      <p>
        <Link href={`/sources/${encodeURIComponent(source.id)}`}>Snippets and recent events of {label}</Link>
      </p>
      {managed && <ManagedNotice what="this source" />}
      {newKey && <NewKeyNotice sourceId={source.id} writeKey={newKey} what="New write key" onDone={() => setNewKey(undefined)} />}
      {step === 'idle' && (
        <p className="row">
          <button type="button" className="secondary" disabled={managed} onClick={() => setStep('confirm-rotate')}>
            Rotate write key<span className="visually-hidden"> of {source.id}</span>
          </button>
          <button type="button" className="secondary" disabled={managed} onClick={() => { remove.reset(); setStep('confirm-delete'); }}>
            Delete<span className="visually-hidden"> {source.id}</span>
          </button>
        </p>
      )}
      {step === 'confirm-rotate' && (
        <ConfirmPanel title={`Rotate the write key of ${source.id}?`} confirmLabel="Rotate the key now" busy={rotate.isPending}
          onConfirm={() => rotate.mutate()} onCancel={() => { rotate.reset(); setStep('idle'); }}>
          <p>
            The old key stops working <strong>at once</strong>: every client still sending with it is refused (401) until it has
            the new key, and those events are lost. ferry shows the new key once.
          </p>
          <ErrorMessage error={rotate.error} title="The key was not rotated" />
        </ConfirmPanel>
      )}
      {step === 'confirm-delete' && (
        <ConfirmPanel title={`Delete ${source.id}?`} confirmLabel={`Delete ${source.id}`} danger busy={remove.isPending}
          onConfirm={() => remove.mutate(false)} onCancel={() => { remove.reset(); setStep('idle'); }}>
          <p>Its events and their delivery history are deleted with it, and its write key stops working.</p>
          <ErrorMessage error={remove.error} title="The source was not deleted" />
          {canForce && (
            <button type="button" className="danger" onClick={() => remove.mutate(true)} disabled={remove.isPending}>
              Delete anyway, dropping the unfinished deliveries
            </button>
          )}
        </ConfirmPanel>
      )}
    </article>
  );
}
