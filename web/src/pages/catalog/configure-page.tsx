// Configure a new destination: pick the sources that feed it and name it; it is created disabled, then Settings opens.
import { Link } from 'wouter';
import { useDestinations, useSources } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { ConfigureForm } from './configure-form.js';
import { displayName, useDestinationType } from './destination-types.js';
import './catalog.css';

export function ConfigurePage({ type }: { type: string }) {
  const destinationType = useDestinationType(type);
  const sources = useSources();
  const destinations = useDestinations();
  const error = destinationType.error ?? sources.error ?? destinations.error;
  const ready = destinationType.data && sources.data && destinations.data;
  return (
    <section>
      <p>
        <Link href="/catalog">← Catalog</Link>
      </p>
      <h1>Configure</h1>
      {destinationType.data && (
        <p className="hint">
          A new {displayName(destinationType.data)} destination. It is created <strong>disabled</strong>: connect it and
          check its mappings, then enable it on its Settings page.
        </p>
      )}
      <ErrorMessage error={error} title="This page could not be loaded" />
      {!ready && !error && <Loading what="Loading the destination type and your sources" />}
      {ready && (
        <ConfigureForm
          type={destinationType.data}
          sources={sources.data}
          takenIds={destinations.data.map((destination) => destination.id)}
        />
      )}
    </section>
  );
}
