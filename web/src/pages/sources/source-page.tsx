// One source: snippets with the host ferry is reached at and the key (when known here), and the events arriving live.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { get } from '../../api/client.js';
import type { Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { ManagedNotice } from '../../components/managed-notice.js';
import { LiveEvents } from './live-events.js';
import { maskWriteKey, useRevealedWriteKey } from './revealed-keys.js';
import { SnippetTabs } from './snippet-tabs.js';
import { KEY_PLACEHOLDER } from './snippets.js';
import './sources.css';

export function SourcePage({ id }: { id: string }) {
  const { data: source, error, isPending } = useQuery({
    queryKey: ['sources', id],
    queryFn: () => get<Source>(`/api/sources/${encodeURIComponent(id)}`),
  });
  const revealed = useRevealedWriteKey(id);
  return (
    <section className="source-page">
      <p className="hint">
        <Link href="/sources">Sources</Link> › {id}
      </p>
      <h1>Source</h1>
      {isPending && <Loading what="Loading the source" />}
      <ErrorMessage error={error} title="The source could not be loaded" />
      {source && (
        <>
          <dl className="facts">
            <dt>Id</dt>
            <dd className="mono">{source.id}</dd>
            {source.name && (
              <>
                <dt>Name</dt>
                <dd>{source.name}</dd>
              </>
            )}
            <dt>Write key</dt>
            <dd className="mono">{maskWriteKey(source.writeKey)}</dd>
          </dl>
          {source.managedByConfig && <ManagedNotice what="this source" />}
          <h2>Send events</h2>
          {revealed ? (
            <p className="hint">The snippets carry the whole write key ferry showed you a moment ago; they show it only until this page is reloaded.</p>
          ) : (
            <p className="notice">
              Put the source's write key where the snippets say <code>{KEY_PLACEHOLDER}</code>. ferry shows a whole key only
              once, when the source is created or its key is rotated; lost it? Rotate it on the{' '}
              <Link href="/sources">Sources</Link> page (the old key stops working at once).
            </p>
          )}
          <SnippetTabs origin={window.location.origin} writeKey={revealed ?? KEY_PLACEHOLDER} />
          <h2>Recent events</h2>
          <LiveEvents sourceId={source.id} />
        </>
      )}
    </section>
  );
}
