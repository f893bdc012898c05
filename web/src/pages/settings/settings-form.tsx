// Settings > the type's other settings (region, endpoint, ...) as a form made from its JSON schema; saved with PUT.
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, put } from '../../api/client.js';
import type { Destination } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { destinationPath, useStoreDestination } from './destination-cache.js';
import { isGroup, leavesOf, settingsFromValues, valuesOf, type SettingEntry, type SettingField } from './schema-fields.js';

const inputId = (path: string) => `setting-${path.replace(/\./g, '-')}`;

export function SettingsForm({ destination, entries, readOnly }: { destination: Destination; entries: SettingEntry[]; readOnly: boolean }) {
  const storeDestination = useStoreDestination();
  const initial = useMemo(() => valuesOf(entries, destination.settings), [entries, destination.settings]);
  const [values, setValues] = useState(initial);
  const save = useMutation({
    mutationFn: (settings: Record<string, unknown>) => put<Destination>(destinationPath(destination.id), { settings }),
    onSuccess: async (saved) => {
      await storeDestination(saved);
      setValues(valuesOf(entries, saved.settings));
    },
  });
  const changed = leavesOf(entries).some((field) => (values[field.path] ?? '') !== (initial[field.path] ?? ''));

  // The API names the problem's path ("settings.retry.baseDelayMs"): shown at that field when the form has it.
  const apiPath = save.error instanceof ApiError && save.error.path?.startsWith('settings.') ? save.error.path.slice('settings.'.length) : undefined;
  const errorField = leavesOf(entries).find((field) => field.path === apiPath)?.path;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(settingsFromValues(destination.settings, entries, values));
  }

  const field = (entry: SettingField) => (
    <FieldInput
      key={entry.path}
      field={entry}
      value={values[entry.path] ?? ''}
      stored={destination.settings}
      error={errorField === entry.path ? save.error : undefined}
      onChange={(value) => setValues((current) => ({ ...current, [entry.path]: value }))}
    />
  );

  return (
    <section className="card" aria-labelledby="settings-form-heading">
      <h3 id="settings-form-heading">Region and other settings</h3>
      <form onSubmit={submit}>
        <fieldset disabled={readOnly} className="settings-fieldset">
          {entries.map((entry) =>
            isGroup(entry) ? (
              <fieldset key={entry.path} className="settings-group">
                <legend>{entry.label}</legend>
                {entry.description && <p className="hint">{entry.description}</p>}
                {entry.fields.map(field)}
              </fieldset>
            ) : (
              field(entry)
            ),
          )}
          {save.error && !errorField ? <ErrorMessage error={save.error} title="The settings were not saved" /> : null}
          {save.isSuccess && !changed && <p role="status">The settings are saved.</p>}
          <p className="row">
            <button type="submit" disabled={save.isPending || !changed}>
              {save.isPending ? 'Saving…' : 'Save settings'}
            </button>
            {changed && (
              <button type="button" className="secondary" onClick={() => setValues(initial)}>
                Undo changes
              </button>
            )}
          </p>
        </fieldset>
      </form>
    </section>
  );
}

interface FieldProps {
  field: SettingField;
  value: string;
  stored: Record<string, unknown>;
  error: unknown;
  onChange: (value: string) => void;
}

function FieldInput({ field, value, stored, error, onChange }: FieldProps) {
  const id = inputId(field.path);
  const storedSecret = field.kind === 'secret' ? stored[field.path] : undefined;
  const hint = [field.description, typeof storedSecret === 'string' ? `Stored: ${storedSecret}; leave empty to keep it.` : undefined]
    .filter(Boolean)
    .join(' ');
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined } as const;
  const inputType = field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : field.kind === 'integer' || field.kind === 'number' ? 'number' : 'text';
  const control =
    field.kind === 'boolean' ? (
      <input {...common} type="checkbox" checked={value === 'true'} onChange={(event) => onChange(event.target.checked ? 'true' : 'false')} />
    ) : field.kind === 'choice' ? (
      <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
        {value === '' && <option value="">(default)</option>}
        {field.choices!.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    ) : (
      <input
        {...common}
        type={inputType}
        min={field.minimum}
        step={field.kind === 'integer' ? 1 : undefined}
        autoComplete="off"
        placeholder={typeof storedSecret === 'string' ? storedSecret : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  return (
    <div className="setting">
      {field.kind === 'boolean' ? (
        <label className="inline" htmlFor={id}>
          {control}
          {field.label}
        </label>
      ) : (
        <label htmlFor={id}>{field.label}</label>
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {field.kind !== 'boolean' && control}
      {Boolean(error) && (
        <div id={`${id}-error`} className="field-error">
          <ErrorMessage error={error} />
        </div>
      )}
    </div>
  );
}
