// Tabs of copy-ready snippets (curl, analytics-node, analytics.js) for a source, with the host this page is served from.
import { useRef, useState, type KeyboardEvent } from 'react';
import { CopyButton } from './copy-button.js';
import { analyticsJsSnippet, analyticsNodeSnippet, curlSnippet } from './snippets.js';

const TABS = [
  { key: 'curl', label: 'curl', intro: 'An identify from a terminal:', make: curlSnippet },
  {
    key: 'node',
    label: 'Node.js',
    intro: "Segment's Node.js library, @segment/analytics-node (npm install @segment/analytics-node), with ferry as its host:",
    make: analyticsNodeSnippet,
  },
  {
    key: 'browser',
    label: 'Browser (analytics.js)',
    intro: "Segment's analytics.js snippet with only its host changed: ferry serves the library too. Put it in your pages' <head>:",
    make: analyticsJsSnippet,
  },
] as const;

export function SnippetTabs({ origin, writeKey }: { origin: string; writeKey: string }) {
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // Arrow keys move between the tabs, Home and End jump to the ends (the ARIA tabs pattern).
  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: TABS.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + TABS.length) % TABS.length;
    setSelected(index);
    tabs.current[index]?.focus();
  }
  const tab = TABS[selected]!;
  const text = tab.make(origin, writeKey);
  return (
    <div className="snippet-tabs">
      <div role="tablist" aria-label="Snippets" className="tablist" onKeyDown={onKeyDown}>
        {TABS.map((t, index) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`snippet-tab-${t.key}`}
            aria-selected={index === selected}
            aria-controls={`snippet-panel-${t.key}`}
            tabIndex={index === selected ? 0 : -1}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            onClick={() => setSelected(index)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`snippet-panel-${tab.key}`} aria-labelledby={`snippet-tab-${tab.key}`}>
        <p className="hint">{tab.intro}</p>
        <pre className="json-block snippet" tabIndex={0} aria-label={`${tab.label} snippet`}>
          {text}
        </pre>
        <CopyButton text={text} label={`Copy the ${tab.label} snippet`} />
      </div>
    </div>
  );
}
