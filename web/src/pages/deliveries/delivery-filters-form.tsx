// The delivery list's filters: states, action, mapping, person and time range; the API's 400 shows at its field.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { ErrorMessage } from '../../components/error-message.js';
import {
  RANGE_PRESETS, STATE_OPTIONS, fieldOfError, fromLocalInput, hasFilters, toLocalInput, type DeliveryFilters, type FilterField,
  type RangePreset,
} from './delivery-filters.js';
import type { CatalogAction } from './delivery-types.js';

interface Props {
  filters: DeliveryFilters;
  onChange: (next: DeliveryFilters) => void;
  actions: CatalogAction[];
  mappings: string[];
  /** The list's error: a 400 naming a filter shows at that filter. */
  error: unknown;
}

type RangeChoice = '' | RangePreset | 'custom';

export function DeliveryFiltersForm({ filters, onChange, actions, mappings, error }: Props) {
  const id = useId();
  const [person, setPerson] = useState(filters.person ?? '');
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  const [customChosen, setCustomChosen] = useState(false);
  // A link (a person, a step) or the back button changes the filters from outside: the drafts follow.
  const committed = [filters.person, filters.from, filters.to].join('|');
  const [seen, setSeen] = useState(committed);
  if (seen !== committed) {
    setSeen(committed);
    setPerson(filters.person ?? '');
    setFrom(toLocalInput(filters.from));
    setTo(toLocalInput(filters.to));
  }

  const badField = error instanceof ApiError && error.status === 400 ? fieldOfError(error.path) : undefined;
  const errorAt = (field: FilterField) => (badField === field ? `${id}-${field}-error` : undefined);
  const fieldError = (field: FilterField): ReactNode =>
    badField === field ? (
      <div id={`${id}-${field}-error`}>
        <ErrorMessage error={error} />
      </div>
    ) : null;

  const range: RangeChoice = filters.range ?? (customChosen || filters.from || filters.to ? 'custom' : '');
  const set = (patch: Partial<DeliveryFilters>) => {
    const next: DeliveryFilters = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof DeliveryFilters)[]) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const commitText = () => {
    const trimmed = person.trim();
    const patch = { person: trimmed === '' ? undefined : trimmed };
    const times = range === 'custom' ? { from: fromLocalInput(from), to: fromLocalInput(to) } : {};
    const next = { ...patch, ...times };
    if (next.person !== filters.person || ('from' in times && (times.from !== filters.from || times.to !== filters.to))) set(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    commitText();
  };
  const toggleState = (state: string, on: boolean) =>
    set({ states: on ? [...filters.states, state] : filters.states.filter((s) => s !== state) });
  const chooseRange = (choice: RangeChoice) => {
    setCustomChosen(choice === 'custom');
    if (choice === 'custom') set({ range: undefined });
    else set({ range: choice === '' ? undefined : choice, from: undefined, to: undefined });
  };

  return (
    <form className="delivery-filters card" aria-label="Filter deliveries" onSubmit={submit}>
      <fieldset aria-describedby={errorAt('state')}>
        <legend>State</legend>
        <div className="state-choices">
          {STATE_OPTIONS.map(({ state, label }) => (
            <label key={state} className="inline">
              <input type="checkbox" checked={filters.states.includes(state)} onChange={(e) => toggleState(state, e.target.checked)} />
              {label}
            </label>
          ))}
        </div>
        {fieldError('state')}
      </fieldset>
      <div className="filter-fields">
        <div>
          <label htmlFor={`${id}-action`}>Action</label>
          <select id={`${id}-action`} value={filters.action ?? ''} aria-invalid={badField === 'action' || undefined}
            aria-describedby={errorAt('action')} onChange={(e) => set({ action: e.target.value || undefined })}>
            <option value="">All actions</option>
            {actions.map((a) => <option key={a.key} value={a.key}>{a.title}</option>)}
            {filters.action && !actions.some((a) => a.key === filters.action) && <option value={filters.action}>{filters.action}</option>}
          </select>
          {fieldError('action')}
        </div>
        <div>
          <label htmlFor={`${id}-mapping`}>Mapping</label>
          <select id={`${id}-mapping`} value={filters.mapping ?? ''} aria-invalid={badField === 'mapping' || undefined}
            aria-describedby={errorAt('mapping')} onChange={(e) => set({ mapping: e.target.value || undefined })}>
            <option value="">All mappings</option>
            {mappings.map((name) => <option key={name} value={name}>{name}</option>)}
            {filters.mapping && !mappings.includes(filters.mapping) && <option value={filters.mapping}>{filters.mapping}</option>}
          </select>
          {fieldError('mapping')}
        </div>
        <div>
          <label htmlFor={`${id}-person`}>Person</label>
          <input id={`${id}-person`} type="search" value={person} placeholder="userId or anonymousId" autoComplete="off"
            aria-invalid={badField === 'person' || undefined} aria-describedby={errorAt('person')}
            onChange={(e) => setPerson(e.target.value)} onBlur={commitText} />
          {fieldError('person')}
        </div>
        <div>
          <label htmlFor={`${id}-range`}>Time range</label>
          <select id={`${id}-range`} value={range} onChange={(e) => chooseRange(e.target.value as RangeChoice)}>
            <option value="">Any time</option>
            {Object.entries(RANGE_PRESETS).map(([key, preset]) => <option key={key} value={key}>{preset.label}</option>)}
            <option value="custom">Custom…</option>
          </select>
        </div>
        {range === 'custom' && (
          <>
            <div>
              <label htmlFor={`${id}-from`}>From</label>
              <input id={`${id}-from`} type="datetime-local" value={from} aria-invalid={badField === 'from' || undefined}
                aria-describedby={errorAt('from')} onChange={(e) => setFrom(e.target.value)} onBlur={commitText} />
              {fieldError('from')}
            </div>
            <div>
              <label htmlFor={`${id}-to`}>To</label>
              <input id={`${id}-to`} type="datetime-local" value={to} aria-invalid={badField === 'to' || undefined}
                aria-describedby={errorAt('to')} onChange={(e) => setTo(e.target.value)} onBlur={commitText} />
              {fieldError('to')}
            </div>
          </>
        )}
      </div>
      <div className="row filter-actions">
        <button type="submit" className="secondary">Apply filters</button>
        {hasFilters(filters) && (
          <button type="button" className="secondary" onClick={() => { setCustomChosen(false); onChange({ states: [] }); }}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
