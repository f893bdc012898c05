// The sources: each with its masked write key and a link to its snippets and events; create, rotate a key, delete.
import { useSources } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { CreateSourceForm } from './create-source-form.js';
import { SourceCard } from './source-card.js';
import './sources.css';

export function SourcesPage() {
  const { data: sources, error, isPending } = useSources();
  return (
    <section className="sources-page">
      <h1>Sources</h1>
      <p className="hint">
        A source is where events come from — a website, an app, a backend. Each has a write key its clients send with.
      </p>
      <h2>Your sources</h2>
      {isPending && <Loading what="Loading the sources" />}
      <ErrorMessage error={error} title="The sources could not be loaded" />
      {sources && sources.length === 0 && <p>No sources yet: create one below, then send its first event.</p>}
      {sources && sources.length > 0 && (
        <div className="cards">
          {sources.map((source) => (
            <SourceCard key={source.id} source={source} />
          ))}
        </div>
      )}
      <CreateSourceForm />
    </section>
  );
}
