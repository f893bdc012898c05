// The editor's form: the draft's state, its checks, where each error is shown, Save and the test panel.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../../api/client.js';
import type { MappingSpec } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { ActionPicker } from './action-picker.js';
import { initialDraft, requestOf, withAction, type EditorDraft, type Problem } from './editor-draft.js';
import { FieldMappingForm } from './field-mapping-form.js';
import { placeOfError } from './field-values.js';
import { MappingTestPanel } from './mapping-test-panel.js';
import { MAX_MAPPINGS, useSaveMapping, type CatalogAction } from './mappings-api.js';
import { SampleEventPanel } from './sample-event-panel.js';
import { eventTypeOfTrigger, sampleEvent } from './sample-events.js';
import { TriggerEditor } from './trigger-editor.js';

interface Props {
  destinationId: string;
  actions: CatalogAction[];
  initialAction: CatalogAction;
  saved?: MappingSpec;
  readOnly: boolean;
  count: number;
}

const generatedSample = (trigger: string) => JSON.stringify(sampleEvent(eventTypeOfTrigger(trigger)), null, 2);

function parseSample(text: string): { event?: unknown; problem?: string } {
  try {
    const event: unknown = JSON.parse(text);
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return { problem: 'The test event must be a JSON object.' };
    return { event };
  } catch (error) {
    return { problem: `The test event is not valid JSON: ${(error as Error).message}` };
  }
}

const FOCUS_OF: Record<Problem['place'], (field?: string) => string> = {
  name: () => 'mapping-name', trigger: () => 'trigger-fql', field: (field) => `field-${field}-mode`, other: () => 'save-mapping',
};

export function MappingEditor({ destinationId, actions, initialAction, saved, readOnly, count }: Props) {
  const [draft, setDraft] = useState<EditorDraft>(() => initialDraft(initialAction, saved));
  const [sampleText, setSampleText] = useState(() => generatedSample(draft.trigger));
  // A generated sample follows the action; one the user typed or loaded stays.
  const [sampleGenerated, setSampleGenerated] = useState(true);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [apiError, setApiError] = useState<unknown>();
  // Where to move focus after the render that shows a problem (the first field at fault, else Save).
  const focusId = useRef<string>(undefined);
  const [, navigate] = useLocation();
  const save = useSaveMapping(destinationId);
  const action = actions.find((a) => a.key === draft.action) ?? initialAction;
  const sample = useMemo(() => parseSample(sampleText), [sampleText]);
  const full = saved === undefined && count >= MAX_MAPPINGS;

  useEffect(() => {
    const target = focusId.current;
    if (!target) return;
    focusId.current = undefined;
    (document.getElementById(target) ?? document.getElementById(target.replace('trigger-fql', 'condition-0-subject')))?.focus();
  });

  const change = (next: Partial<EditorDraft>) => setDraft((current) => ({ ...current, ...next }));
  const apiPlace = apiError instanceof ApiError ? placeOfError(apiError.path) : undefined;
  const messagesAt = (place: Problem['place'], field?: string) =>
    problems.filter((p) => p.place === place && p.field === field).map((p) => p.message);
  const apiErrorAt = (part: string, field?: string) =>
    apiPlace?.part === part && apiPlace.field === field ? <ErrorMessage error={apiError} /> : null;
  const fieldErrors = Object.fromEntries(action.fields.map((f) => [f.key, messagesAt('field', f.key)]));

  function show(found: Problem[]) {
    setProblems(found);
    if (found[0]) focusId.current = FOCUS_OF[found[0].place](found[0].field);
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    setApiError(undefined);
    const { body, problems: found } = requestOf(draft, action, 'save');
    show(found);
    if (!body) return;
    try {
      await save.mutateAsync({ draft: body, editing: saved?.name });
      navigate('/mappings');
    } catch (error) {
      setApiError(error);
      const place = error instanceof ApiError ? placeOfError(error.path) : undefined;
      focusId.current = place?.part === 'name' || place?.part === 'trigger' ? FOCUS_OF[place.part]() : place?.part === 'field' ? FOCUS_OF.field(place.field) : 'save-mapping';
    }
  }

  const prepareTest = () => {
    setApiError(undefined);
    const { body, problems: found } = requestOf(draft, action, 'test');
    show(found);
    if (!body) return { problem: 'Fix the problems marked above, then send the test event again.' };
    if (sample.problem) return { problem: sample.problem };
    return { body, event: sample.event };
  };

  return (
    <form className="mapping-editor" onSubmit={onSave} noValidate>
      <fieldset disabled={readOnly} className="mappings-plain">
        <section className="card">
          <h3>1. Name and action</h3>
          <label htmlFor="mapping-name">Mapping name</label>
          <input id="mapping-name" type="text" value={draft.name} maxLength={100} placeholder="Orders to Intercom"
            aria-invalid={messagesAt('name').length > 0 || apiPlace?.part === 'name' || undefined}
            onChange={(e) => change({ name: e.target.value })} />
          {messagesAt('name').map((m) => <p key={m} className="field-error">{m}</p>)}
          {apiErrorAt('name')}
          <ActionPicker actions={actions} value={draft.action} onChange={(next) => {
            setDraft((d) => withAction(d, next));
            if (sampleGenerated) setSampleText(generatedSample(next.defaultTrigger));
          }} />
          {apiErrorAt('action')}
        </section>
        <section className="card">
          <h3>2. Select events to send</h3>
          <p className="hint">The trigger: events that match it are sent with the {action.title} action.</p>
          <TriggerEditor key={draft.action} fql={draft.trigger} disabled={readOnly} errors={messagesAt('trigger')}
            onChange={(trigger, triggerProblems) => change({ trigger, triggerProblems })} />
          {apiErrorAt('trigger')}
        </section>
      </fieldset>
      <section className="card">
        <h3>3. Test event</h3>
        <p className="hint">Its paths are suggested below and each path field shows what it would send.</p>
        <SampleEventPanel destinationId={destinationId} text={sampleText} problem={sample.problem}
          onChange={(text) => {
            setSampleText(text);
            setSampleGenerated(false);
          }} />
      </section>
      <fieldset disabled={readOnly} className="mappings-plain">
        <section className="card">
          <h3>4. Map fields</h3>
          <p className="hint">
            Each field takes a path in the event, a static value, or a mapping-kit function (<code>@template</code>, <code>@if</code>,
            <code> @case</code> …) as JSON. A field set to Default uses the action's default mapping.
          </p>
          <FieldMappingForm fields={action.fields} values={draft.values} sample={sample.event} disabled={readOnly} errors={fieldErrors}
            apiErrorOf={(key) => apiErrorAt('field', key)}
            onChange={(key, value) => setDraft((d) => ({ ...d, values: { ...d.values, [key]: value } }))} />
          {apiErrorAt('mapping')}
        </section>
      </fieldset>
      <section className="card">
        <h3>5. Send a test event</h3>
        <MappingTestPanel destinationId={destinationId} prepare={prepareTest} />
      </section>
      {!readOnly && (
        <div className="editor-actions stack">
          {full && <p className="notice">This destination has {MAX_MAPPINGS} mappings, the most it holds: delete one before adding another.</p>}
          <label className="inline">
            <input type="checkbox" checked={draft.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
            Enabled: send matching events to the destination once saved
          </label>
          {problems.length > 0 && (
            <p role="alert" className="field-error">
              {problems.length === 1 ? 'One thing to fix' : `${problems.length} things to fix`} before saving: {problems.map((p) => p.message).join(' ')}
            </p>
          )}
          {(apiPlace === undefined || apiPlace.part === 'other' || apiPlace.part === 'event') && (
            <ErrorMessage error={apiError} title="The mapping was not saved" />
          )}
          <div className="row">
            <button type="submit" id="save-mapping" disabled={save.isPending || full}>
              {save.isPending ? 'Saving…' : saved ? 'Save changes' : 'Save mapping'}
            </button>
            <Link href="/mappings" className="button secondary">Cancel</Link>
          </div>
        </div>
      )}
    </form>
  );
}
