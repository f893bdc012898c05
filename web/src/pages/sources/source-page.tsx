// One source: snippets with the host ferry is reached at and the key (when known here), and the events arriving live.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { get } from '../../api/client.js';
import type { Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { CopyButton } from './copy-button.js';
import { ManagedNotice } from '../../components/managed-notice.js';
import { LiveEvents } from './live-events.js';
import { SnippetTabs } from './snippet-tabs.js';
import './sources.css';

export function SourcePage({ id }: { id: string }) {
  const { data: source, error, isPending } = useQuery({
    queryKey: ['sources', id],
    queryFn: () => get<Source>(`/api/sources/${encodeURIComponent(id)}`),
  });
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
            <dd className="row">
              <code className="write-key">{source.writeKey}</code>
              <CopyButton text={source.writeKey} label="Copy write key" />
            </dd>
          </dl>
          {source.managedByConfig && <ManagedNotice what="this source" />}
          <h2>Send events</h2>
          <p className="hint">
            Ready to paste: this address and the source's write key (no secret: every page running analytics.js carries it).
          </p>
          <SnippetTabs origin={window.location.origin} writeKey={source.writeKey} />
          <h2>Recent events</h2>
          <LiveEvents sourceId={source.id} />
        </>
      )}
    </section>
  );
}
