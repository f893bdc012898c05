// Where the Event Tester's sample comes from: a generated identify, track or group, or a recent event of a source.
import { useState } from 'react';
import { useSources } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useSourceEvents } from '../sources/source-events-api.js';
import { sampleEvent, type SampleKind } from './event-json.js';

const KINDS: SampleKind[] = ['identify', 'track', 'group'];

export function SamplePicker({ preferredSource, onPick }: { preferredSource?: string; onPick: (event: unknown) => void }) {
  const { data: sources, error: sourcesError } = useSources();
  const [chosenSource, setChosenSource] = useState<string>();
  const sourceId = chosenSource ?? preferredSource ?? sources?.[0]?.id;
  const { data: page, error: eventsError, isPending } = useSourceEvents(sourceId, { limit: 20 });
  const [chosenEvent, setChosenEvent] = useState<string>();
  const events = page?.events ?? [];
  const picked = events.find((e) => String(e.id) === chosenEvent) ?? events[0];
  return (
    <div className="sample-picker">
      <p className="row" role="group" aria-label="Start from a sample">
        <span>Start from a sample:</span>
        {KINDS.map((kind) => (
          <button key={kind} type="button" className="secondary" onClick={() => onPick(sampleEvent(kind))}>
            Sample {kind}
          </button>
        ))}
      </p>
      <fieldset>
        <legend>Or a recent event of a source</legend>
        <div className="row">
          <label className="inline">
            Source
            <select value={sourceId ?? ''} onChange={(e) => { setChosenSource(e.target.value); setChosenEvent(undefined); }}>
              {(sources ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name ?? s.id}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Event
            <select value={picked ? String(picked.id) : ''} onChange={(e) => setChosenEvent(e.target.value)} disabled={events.length === 0}>
              {events.length === 0 && <option value="">{isPending && sourceId ? 'loading…' : 'none yet'}</option>}
              {events.map((e) => (
                <option key={e.id} value={String(e.id)}>
                  {new Date(e.receivedAt).toLocaleTimeString()} · {e.type}
                  {e.event ? ` ${e.event}` : ''} · {e.userId ?? e.anonymousId ?? ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" disabled={!picked} onClick={() => picked && onPick(picked.payload)}>
            Use this event
          </button>
        </div>
        <ErrorMessage error={sourcesError ?? eventsError} title="Recent events could not be loaded" />
      </fieldset>
    </div>
  );
}
