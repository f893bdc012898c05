// Create a source: id, optional name, optional write key of one's own; the API's refusal shown at the form, at its field.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, post } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import type { Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { NewKeyNotice } from './new-key-notice.js';
import { rememberWriteKey } from './revealed-keys.js';

export function CreateSourceForm() {
  const [created, setCreated] = useState<Source>();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [writeKey, setWriteKey] = useState('');
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      post<Source>('/api/sources', { id: id.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(writeKey ? { writeKey } : {}) }),
    onSuccess: async (source) => {
      rememberWriteKey(source.id, source.writeKey);
      setId('');
      setName('');
      setWriteKey('');
      setCreated(source);
      await queryClient.invalidateQueries({ queryKey: keys.sources });
    },
  });
  const faultyField = create.error instanceof ApiError ? create.error.path : undefined;
  const invalid = (field: string) => (faultyField === field ? { 'aria-invalid': true, 'aria-describedby': 'create-source-error' } : {});
  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  }
  return (
    <form className="card create-source" onSubmit={submit} aria-labelledby="create-source-heading">
      <h2 id="create-source-heading">Create a source</h2>
      {created && (
        <NewKeyNotice sourceId={created.id} writeKey={created.writeKey} what={`Source ${created.id} created`} onDone={() => setCreated(undefined)} />
      )}
      <label htmlFor="source-id">Id</label>
      <p className="hint" id="source-id-hint">
        1–64 letters, digits, ".", "_" or "-", e.g. <code>website</code>. It cannot be changed later.
      </p>
      <input id="source-id" value={id} onChange={(e) => setId(e.target.value)} required aria-describedby="source-id-hint" {...invalid('id')} />
      <label htmlFor="source-name">Name (optional)</label>
      <input id="source-name" value={name} onChange={(e) => setName(e.target.value)} {...invalid('name')} />
      <label htmlFor="source-write-key">Write key of your own (optional)</label>
      <p className="hint" id="source-write-key-hint">
        Leave empty and ferry makes one. Moving from Segment? Paste the source's Segment write key and your clients keep working unchanged.
      </p>
      <input
        id="source-write-key"
        value={writeKey}
        onChange={(e) => setWriteKey(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-describedby="source-write-key-hint"
        {...invalid('writeKey')}
      />
      <div id="create-source-error">
        <ErrorMessage error={create.error} title="The source was not created" />
      </div>
      <p>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create source'}
        </button>
      </p>
    </form>
  );
}
