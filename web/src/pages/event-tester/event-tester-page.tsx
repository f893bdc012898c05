// The Event Tester: one event through every mapping of the destination, for real, with each request and its answer.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { post } from '../../api/client.js';
import { useDestination } from '../../api/queries.js';
import type { Outcome } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { OutcomeView } from '../../components/outcome-view.js';
import { formatEvent, readEventJson, sampleEvent } from './event-json.js';
import { SamplePicker } from './sample-picker.js';
import { sendTarget } from './send-target.js';
import './event-tester.css';

export function EventTesterPage({ id }: { id: string }) {
  const { data: destination } = useDestination(id);
  const [text, setText] = useState(() => formatEvent(sampleEvent('identify')));
  const [inputError, setInputError] = useState<string>();
  const [confirmed, setConfirmed] = useState(false);
  const send = useMutation({
    mutationFn: (event: Record<string, unknown>) =>
      post<{ outcomes: Outcome[] }>(`/api/destinations/${encodeURIComponent(id)}/event-tester`, { event }),
  });
  if (!destination) return <Loading what="Loading the destination" />;
  const target = sendTarget(destination);
  const mustConfirm = target.real && !confirmed;

  function pick(event: unknown) {
    setText(formatEvent(event));
    setInputError(undefined);
    send.reset();
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const read = readEventJson(text);
    if (!read.ok) {
      setInputError(read.message);
      send.reset();
      return;
    }
    setInputError(undefined);
    if (!mustConfirm) send.mutate(read.event);
  }
  const hasError = inputError !== undefined || send.isError;
  const outcomes = send.data?.outcomes;
  return (
    <section className="event-tester">
      <h2>Event Tester</h2>
      <p className="hint">
        Runs one event through every mapping of {destination.name ?? destination.id}: which ones match, what each sends, and what
        came back. Nothing is stored and no delivery is recorded.
      </p>
      <p className={target.real ? 'notice send-warning' : 'notice'} role="note">
        <strong>This sends for real.</strong> The requests go to {target.where}
        {target.real ? ': contacts, companies and events are created or changed there.' : '.'}
      </p>
      <form onSubmit={submit}>
        <h3>Sample event</h3>
        <SamplePicker preferredSource={destination.sources?.[0]} onPick={pick} />
        <label htmlFor="event-json">Event JSON</label>
        <textarea
          id="event-json"
          rows={14}
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={hasError || undefined}
          aria-describedby={hasError ? 'event-json-error' : undefined}
        />
        <div id="event-json-error">
          {inputError && (
            <p role="alert" className="field-error">
              {inputError}
            </p>
          )}
          <ErrorMessage error={send.error} title="The event was not tested" />
        </div>
        {target.real && (
          <label className="inline confirm-real">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> Yes, send this event to{' '}
            {target.where}
          </label>
        )}
        <p>
          <button type="submit" disabled={send.isPending || mustConfirm}>
            {send.isPending ? 'Sending…' : 'Send test event'}
          </button>
        </p>
      </form>
      <div role="status" aria-live="polite">
        {outcomes && <p className="outcome-summary">{summary(outcomes)}</p>}
      </div>
      {outcomes && (
        <div className="stack">
          {outcomes.map((outcome) => (
            <OutcomeView key={outcome.mapping} outcome={outcome} />
          ))}
        </div>
      )}
    </section>
  );
}

/** "2 mappings: 1 delivered, 1 not sent". */
function summary(outcomes: Outcome[]): string {
  if (outcomes.length === 0) return 'The destination has no mappings: nothing was sent.';
  const counts = new Map<string, number>();
  const label = (o: Outcome) => (o.status === 'filtered' ? 'not sent' : o.status === 'retrying' ? 'would retry' : o.status.replace(/-/g, ' '));
  for (const outcome of outcomes) counts.set(label(outcome), (counts.get(label(outcome)) ?? 0) + 1);
  const parts = [...counts].map(([what, n]) => `${n} ${what}`);
  return `${outcomes.length} mapping${outcomes.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}
