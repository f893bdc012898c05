// The destination types ferry can deliver to (from the registry), each with its actions; Configure starts the flow.
import { Link } from 'wouter';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { displayName, useDestinationTypes, type DestinationType } from './destination-types.js';
import './catalog.css';

export function CatalogPage() {
  const { data: types, error, isPending } = useDestinationTypes();
  return (
    <section className="catalog">
      <h1>Catalog</h1>
      <p className="hint">
        The destinations ferry can deliver your events to. Configure one to pick its sources and name it; it stays
        disabled until you connect it and enable it.
      </p>
      {isPending && <Loading what="Loading the destination types" />}
      <ErrorMessage error={error} title="The destination types could not be loaded" />
      {types && (
        <ul className="catalog-list">
          {types.map((type) => (
            <li key={type.key}>
              <TypeCard type={type} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TypeCard({ type }: { type: DestinationType }) {
  const name = displayName(type);
  const headingId = `type-${type.key}`;
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <p>{type.description}</p>
      <ul className="catalog-facts">
        <li>{type.oauth ? `Connect with ${type.title} (OAuth) or paste an access token` : 'Connect with an access token'}</li>
        <li>{type.presets.length} preset mappings apply until you write your own (up to 50)</li>
      </ul>
      <h3>What it can do</h3>
      <dl className="catalog-actions">
        {type.actions.map((action) => (
          <div key={action.key}>
            <dt>{action.title}</dt>
            <dd>
              {action.description}{' '}
              <span className="hint">
                Default trigger: <code>{action.defaultTrigger}</code>; {action.fields.length} fields.
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <Link href={`/catalog/${encodeURIComponent(type.key)}`} className="button" aria-label={`Configure ${name}`}>
          Configure
        </Link>
      </p>
    </article>
  );
}
