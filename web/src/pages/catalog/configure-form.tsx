// The Configure form: the sources that feed the new destination (all, or the ones picked), its name and id.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { ApiError, post } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import type { Destination, Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { idFromName, idProblem } from './destination-id.js';
import { SourcePicker, sourcesOf, type SourceChoice } from './source-picker.js';
import type { DestinationType } from './destination-types.js';

export interface NewDestinationBody {
  id: string;
  type: string;
  name: string;
  enabled: false;
  /** null: every source, also the ones added later. */
  sources: string[] | null;
}

type Field = 'sources' | 'name' | 'id';

/** The form field an API error names (its path), if any. */
const fieldOf = (error: unknown): Field | undefined => {
  const path = error instanceof ApiError ? (error.path ?? '') : '';
  return (['sources', 'name', 'id'] as const).find((field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
};

export function ConfigureForm({ type, sources, takenIds }: { type: DestinationType; sources: Source[]; takenIds: string[] }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<SourceChoice>({ everySource: false, picked: sources.length === 1 ? [sources[0]!.id] : [] });
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  // After a first attempt, the form's own problems show (and update) as the user fixes them.
  const [tried, setTried] = useState(false);

  const create = useMutation({
    mutationFn: (body: NewDestinationBody) => post<Destination>('/api/destinations', body),
    onSuccess: async (created) => {
      queryClient.setQueryData(keys.destination(created.id), created);
      await queryClient.invalidateQueries({ queryKey: keys.destinations });
      navigate(`/destinations/${encodeURIComponent(created.id)}/settings`);
    },
  });

  const problems = (): Partial<Record<Field, string>> => ({
    ...(!choice.everySource && choice.picked.length === 0 ? { sources: 'Pick at least one source, or choose every source.' } : {}),
    ...(name.trim() === '' ? { name: 'Give the destination a name.' } : {}),
    ...(idProblem(id, takenIds) ? { id: idProblem(id, takenIds) } : {}),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = problems();
    setTried(true);
    const first = (['sources', 'name', 'id'] as const).find((field) => found[field]);
    if (first) {
      document.getElementById(`configure-${first}`)?.focus();
      return;
    }
    create.mutate({ id, type: type.key, name: name.trim(), enabled: false, sources: sourcesOf(choice) });
  }

  const apiField = fieldOf(create.error);
  const found = tried ? problems() : {};
  const errorAt = (field: Field) => found[field] ?? (apiField === field ? create.error : undefined);

  return (
    <form className="configure-form" onSubmit={submit} noValidate>
      <SourcePicker
        idPrefix="configure"
        sources={sources}
        choice={choice}
        onChange={setChoice}
        error={errorAt('sources') ? <FieldError id="configure-sources-problem" error={errorAt('sources')} /> : undefined}
      />

      <label htmlFor="configure-name">Name</label>
      <p className="hint" id="configure-name-hint">How ferry shows the destination, e.g. "Intercom (EU workspace)".</p>
      <input
        id="configure-name"
        type="text"
        value={name}
        autoComplete="off"
        aria-invalid={errorAt('name') ? true : undefined}
        aria-describedby={`configure-name-hint${errorAt('name') ? ' configure-name-error' : ''}`}
        onChange={(event) => {
          setName(event.target.value);
          if (!idEdited) setId(idFromName(event.target.value, takenIds));
        }}
      />
      <FieldError id="configure-name-error" error={errorAt('name')} />

      <label htmlFor="configure-id">Id</label>
      <p className="hint" id="configure-id-hint">
        Made from the name; used in addresses and the config file, and it cannot change later. 1–64 letters, digits, ".",
        "_" or "-", starting with a letter or digit.
      </p>
      <input
        id="configure-id"
        type="text"
        className="mono"
        value={id}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={errorAt('id') ? true : undefined}
        aria-describedby={`configure-id-hint${errorAt('id') ? ' configure-id-error' : ''}`}
        onChange={(event) => {
          setId(event.target.value);
          setIdEdited(true);
        }}
      />
      <FieldError id="configure-id-error" error={errorAt('id')} />

      {create.error && !apiField ? <ErrorMessage error={create.error} title="The destination was not created" /> : null}
      <p className="row">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create the destination (disabled)'}
        </button>
        <Link href="/catalog">Cancel</Link>
      </p>
    </form>
  );
}

/** A problem at a field: a sentence of the form's own, or the API's error (its words and code). */
function FieldError({ id, error }: { id: string; error: unknown }) {
  if (!error) return null;
  if (typeof error === 'string') {
    return (
      <p className="field-error" id={id} role="alert">
        {error}
      </p>
    );
  }
  return (
    <div className="field-error" id={id}>
      <ErrorMessage error={error} />
    </div>
  );
}
