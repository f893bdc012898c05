// The destinations ferry delivers to, each with its state, sources, mappings and the way to its pages.
import { Link } from 'wouter';
import { useDestinations, useSources } from '../../api/queries.js';
import type { Destination, Source } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { displayName, useDestinationTypes, type DestinationType } from '../catalog/destination-types.js';
import { mappingsText, sourcesText, stateOf } from './destination-summary.js';
import './destinations.css';

export function DestinationsPage() {
  const destinations = useDestinations();
  const sources = useSources();
  const types = useDestinationTypes();
  return (
    <section>
      <div className="page-heading destinations-heading">
        <h1>Destinations</h1>
        <Link href="/catalog" className="button secondary">
          Add a destination
        </Link>
      </div>
      {destinations.isPending && <Loading what="Loading the destinations" />}
      <ErrorMessage error={destinations.error} title="The destinations could not be loaded" />
      {destinations.data?.length === 0 && (
        <div className="card stack">
          <p>
            <strong>No destination yet.</strong> Events your sources send are stored, and delivered once a destination
            takes them.
          </p>
          <p>
            <Link href="/catalog" className="button">
              Choose one in the Catalog
            </Link>
          </p>
        </div>
      )}
      {destinations.data && destinations.data.length > 0 && (
        <ul className="destination-list">
          {destinations.data.map((destination) => (
            <li key={destination.id}>
              <DestinationCard destination={destination} sources={sources.data} types={types.data} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DestinationCard({ destination, sources, types }: { destination: Destination; sources?: Source[]; types?: DestinationType[] }) {
  const state = stateOf(destination);
  const type = types?.find((candidate) => candidate.key === destination.type);
  const base = `/destinations/${encodeURIComponent(destination.id)}`;
  const name = destination.name ?? destination.id;
  const headingId = `destination-${destination.id}`;
  return (
    <article className="card destination-card" aria-labelledby={headingId}>
      <div className="row">
        <h2 id={headingId}>
          <Link href={`${base}/settings`}>{name}</Link>
        </h2>
        <span className={`badge ${state.badge}`}>{state.label}</span>
      </div>
      <p className="hint">
        {type ? displayName(type) : destination.type} · id <code>{destination.id}</code>
      </p>
      {state.reason && (
        <p className="destination-paused">
          Paused: {state.reason}. <Link href={`${base}/settings`}>Connect it again or give a new token</Link>.
        </p>
      )}
      <dl className="destination-facts">
        <div>
          <dt>Sources</dt>
          <dd>{sourcesText(destination, sources)}</dd>
        </div>
        <div>
          <dt>Mappings</dt>
          <dd>{mappingsText(destination)}</dd>
        </div>
      </dl>
      <nav aria-label={`Pages of ${name}`}>
        <ul>
          <li><Link href={`${base}/settings`}>Settings</Link></li>
          <li><Link href={`${base}/mappings`}>Mappings</Link></li>
          <li><Link href={`${base}/deliveries`}>Deliveries</Link></li>
        </ul>
      </nav>
    </article>
  );
}
