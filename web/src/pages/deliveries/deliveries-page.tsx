// A destination's deliveries: the overview chart and steps, filters kept in the URL, the refreshing list, bulk replay.
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client.js';
import { useDestination } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { fieldOfError, filtersToSearch, hasFilters } from './delivery-filters.js';
import { DeliveryFiltersForm } from './delivery-filters-form.js';
import { DeliveryList } from './delivery-list.js';
import { DeliveryOverview } from './delivery-overview.js';
import { REFRESH_MS, useActions, useDeliveryList } from './delivery-queries.js';
import type { Bucket } from './delivery-stats-view.js';
import { ReplayRejected } from './replay-rejected.js';
import { useUrlFilters } from './use-url-filters.js';
import './deliveries.css';

export function DeliveriesPage({ id }: { id: string }) {
  const { data: destination } = useDestination(id);
  const actions = useActions(destination?.type);
  const [filters, setFilters] = useUrlFilters();
  const [bucket, setBucket] = useState<Bucket>('minute');
  const list = useDeliveryList(id, filters);
  const deliveries = useMemo(() => {
    const seen = new Set<number>();
    return (list.data?.pages ?? []).flatMap((page) => page.items).filter((d) => !seen.has(d.id) && seen.add(d.id));
  }, [list.data]);
  const listSearch = filtersToSearch(filters);
  const filterError = list.error instanceof ApiError && list.error.status === 400 && fieldOfError(list.error.path) !== undefined;

  return (
    <section className="deliveries-page" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Deliveries</h2>
      {destination?.pausedReason && (
        <p className="notice paused-note">
          <strong>Deliveries wait while this destination is paused</strong> ({destination.pausedReason}). Nothing is lost:
          they are sent in order once it is fixed in <Link href="/settings">Settings</Link>.
        </p>
      )}
      <DeliveryOverview id={id} filters={filters} bucket={bucket} onBucket={setBucket} onStates={(states) => setFilters({ ...filters, states })} />
      <h3>Filters</h3>
      <DeliveryFiltersForm
        filters={filters}
        onChange={setFilters}
        actions={actions.data?.actions ?? []}
        mappings={(destination?.mappings ?? []).map((m) => m.name)}
        error={list.error}
      />
      <div className="row list-head">
        <h3>{hasFilters(filters) ? 'Matching deliveries' : 'All deliveries'}</h3>
        <span className="hint">Newest first; refreshes every {REFRESH_MS / 1000} s.</span>
        <ReplayRejected key={listSearch} id={id} filters={filters} />
      </div>
      {list.isPending && <Loading what="Loading deliveries" />}
      {list.error && (filterError ? (
        <p className="field-error">The list could not be loaded: correct the filter marked above.</p>
      ) : (
        <ErrorMessage error={list.error} title="The deliveries could not be loaded" />
      ))}
      {list.data && deliveries.length === 0 && (
        <p className="notice">
          {hasFilters(filters) ? (
            <>No delivery matches these filters. Widen them, or <Link href="/deliveries">show every delivery</Link>.</>
          ) : (
            <>
              No deliveries yet. Send an event to one of this destination’s <Link href="~/sources">sources</Link>, or try one
              in the <Link href="/event-tester">Event Tester</Link>.
            </>
          )}
        </p>
      )}
      {deliveries.length > 0 && (
        <DeliveryList
          deliveries={deliveries}
          listSearch={listSearch}
          personHref={(person) => `/deliveries?person=${encodeURIComponent(person)}`}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
    </section>
  );
}
