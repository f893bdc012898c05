// The event to test with: a generated sample of any type, or a recent real event of the destination, as editable JSON.
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { EVENT_TYPES } from './trigger-conditions.js';
import { eventOfDelivery, useRecentDeliveries } from './mappings-api.js';
import { sampleEvent } from './sample-events.js';

interface Props {
  destinationId: string;
  text: string;
  /** Why the text is not a usable event, if it is not. */
  problem?: string;
  onChange: (text: string) => void;
}

const pretty = (event: unknown) => JSON.stringify(event, null, 2);

export function SampleEventPanel({ destinationId, text, problem, onChange }: Props) {
  const [type, setType] = useState('track');
  const [wantRecent, setWantRecent] = useState(false);
  const [picked, setPicked] = useState('');
  const [loadError, setLoadError] = useState<unknown>();
  const recent = useRecentDeliveries(destinationId, wantRecent);

  async function load() {
    setLoadError(undefined);
    try {
      onChange(pretty(await eventOfDelivery(Number(picked))));
    } catch (error) {
      setLoadError(error);
    }
  }

  return (
    <div className="sample-event stack">
      <div className="row">
        <label htmlFor="sample-type" className="inline">Event type</label>
        <select id="sample-type" value={type} onChange={(e) => setType(e.target.value)}>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={() => onChange(pretty(sampleEvent(type)))}>
          Generate a sample {type} event
        </button>
        {!wantRecent && (
          <button type="button" className="secondary" onClick={() => setWantRecent(true)}>
            Use a recent event
          </button>
        )}
      </div>
      {wantRecent && (
        <div className="row">
          {recent.isPending && <span role="status">Loading recent events…</span>}
          <ErrorMessage error={recent.error} title="Recent events could not be loaded" />
          {recent.data && recent.data.length === 0 && (
            <p className="hint">No events have reached this destination yet: send one from a source, or use a generated sample.</p>
          )}
          {recent.data && recent.data.length > 0 && (
            <>
              <label htmlFor="recent-event" className="inline">Recent event</label>
              <select id="recent-event" value={picked} onChange={(e) => setPicked(e.target.value)}>
                <option value="">Choose an event…</option>
                {recent.data.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.eventType} from {d.person}, {new Date(d.queuedAt).toLocaleString()}
                  </option>
                ))}
              </select>
              <button type="button" className="secondary" disabled={picked === ''} onClick={load}>
                Load this event
              </button>
            </>
          )}
          <ErrorMessage error={loadError} title="The event could not be loaded" />
        </div>
      )}
      <label htmlFor="sample-event">Test event (JSON)</label>
      <textarea id="sample-event" rows={14} value={text} spellCheck={false} aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'sample-event-problem' : undefined} onChange={(e) => onChange(e.target.value)} />
      {problem && <p className="field-error" id="sample-event-problem">{problem}</p>}
    </div>
  );
}
