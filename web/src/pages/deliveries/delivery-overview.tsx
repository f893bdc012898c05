// The overview: pipeline step counts (each sets the list's state filter) beside a chart of deliveries by outcome.
import { lazy, Suspense } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import type { DeliveryFilters } from './delivery-filters.js';
import { formatTime } from './delivery-format.js';
import { useDeliveryStats } from './delivery-queries.js';
import { SERIES, sameStates, stepsOf, summaryOf, type Bucket } from './delivery-stats-view.js';
import type { Stats } from './delivery-types.js';

const DeliveryChart = lazy(async () => ({ default: (await import('./delivery-chart.js')).DeliveryChart }));

interface Props {
  id: string;
  filters: DeliveryFilters;
  bucket: Bucket;
  onBucket: (bucket: Bucket) => void;
  onStates: (states: string[]) => void;
}

export function DeliveryOverview({ id, filters, bucket, onBucket, onStates }: Props) {
  const { data: stats, error } = useDeliveryStats(id, bucket, filters);
  return (
    <section className="delivery-overview" aria-labelledby="overview-heading">
      <div className="row overview-head">
        <h3 id="overview-heading">Overview</h3>
        <div role="group" aria-label="Chart buckets" className="row">
          {(['minute', 'hour'] as const).map((b) => (
            <button key={b} type="button" className="secondary" aria-pressed={bucket === b} onClick={() => onBucket(b)}>
              Per {b}
            </button>
          ))}
        </div>
      </div>
      <ErrorMessage error={error} title="The counts could not be loaded" />
      {!stats && !error && <Loading what="Counting deliveries" />}
      {stats && (
        <div className="overview-body">
          <ol className="delivery-steps" aria-label="Delivery steps; choose one to filter the list">
            {stepsOf(stats.totals).map((step) => (
              <li key={step.key}>
                <button type="button" className="step" aria-pressed={sameStates(filters.states, step.states)} onClick={() => onStates(step.states)}>
                  <span className="step-count">{step.count}</span>
                  <span className="step-label">{step.label}</span>
                  <span className="step-hint">{step.hint}</span>
                </button>
              </li>
            ))}
          </ol>
          <figure className="chart-figure">
            <Suspense fallback={<Loading what="Drawing the chart" />}>
              <DeliveryChart stats={stats} />
            </Suspense>
            <ChartKey />
            <figcaption>
              Since {formatTime(stats.from)}, per {stats.bucket}: {summaryOf(stats.totals)}.
            </figcaption>
            <ChartTable stats={stats} />
          </figure>
        </div>
      )}
    </section>
  );
}

function ChartKey() {
  return (
    <ul className="chart-key" aria-hidden="true">
      {SERIES.map((s) => (
        <li key={s.key}>
          <span className="swatch" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The chart as a table for screen readers: the buckets that hold any delivery, newest first (at most 60). */
function ChartTable({ stats }: { stats: Stats }) {
  const rows = stats.series.filter((point) => SERIES.some((s) => point[s.key] > 0)).reverse().slice(0, 60);
  if (rows.length === 0) return null;
  // A hidden table still lays out at its content's width: the wrapper is what hides it.
  return (
    <div className="visually-hidden">
      <table>
        <caption>Deliveries per {stats.bucket} by outcome</caption>
        <thead>
          <tr>
            <th scope="col">{stats.bucket === 'minute' ? 'Minute' : 'Hour'}</th>
            {SERIES.map((s) => <th key={s.key} scope="col">{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((point) => (
            <tr key={point.start}>
              <th scope="row">{formatTime(point.start)}</th>
              {SERIES.map((s) => <td key={s.key}>{point[s.key]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
