// Settings > Sources: change which sources feed the destination (every source, or the ones picked); saved with PUT.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { put } from '../../api/client.js';
import type { Destination, Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { choiceOf, SourcePicker, sourcesOf, type SourceChoice } from '../catalog/source-picker.js';
import { destinationPath, useStoreDestination } from './destination-cache.js';

const same = (a: string[] | null, b: string[] | null | undefined) => JSON.stringify(a) === JSON.stringify(b ?? null);

export function SourcesSection({ destination, sources, readOnly }: { destination: Destination; sources: Source[]; readOnly: boolean }) {
  const storeDestination = useStoreDestination();
  const [choice, setChoice] = useState<SourceChoice>(() => choiceOf(destination.sources));
  const save = useMutation({
    mutationFn: (body: { sources: string[] | null }) => put<Destination>(destinationPath(destination.id), body),
    onSuccess: storeDestination,
  });
  const wanted = sourcesOf(choice);
  const changed = !same(wanted, destination.sources);
  const empty = !choice.everySource && choice.picked.length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!empty) save.mutate({ sources: wanted });
  }

  return (
    <section className="card" aria-labelledby="sources-heading">
      <h3 id="sources-heading">Sources</h3>
      <form onSubmit={submit}>
        <fieldset disabled={readOnly} className="settings-fieldset">
          <SourcePicker
            idPrefix="settings"
            legend="Events from these sources go to this destination"
            sources={sources}
            choice={choice}
            onChange={setChoice}
            error={empty ? 'Pick at least one source, or choose every source.' : undefined}
          />
          <ErrorMessage error={save.error} title="The sources were not saved" />
          {save.isSuccess && !changed && <p role="status">The sources are saved.</p>}
          <p className="row">
            <button type="submit" disabled={!changed || empty || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save sources'}
            </button>
          </p>
        </fieldset>
      </form>
    </section>
  );
}
