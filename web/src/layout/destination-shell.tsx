// A destination's pages: its name and state above the tabs Settings, Mappings, Event Tester and Deliveries.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useDestination } from '../api/queries.js';
import { ErrorMessage } from '../components/error-message.js';
import { Loading } from '../components/loading.js';

const TABS = [
  { path: 'settings', label: 'Settings' },
  { path: 'mappings', label: 'Mappings' },
  { path: 'event-tester', label: 'Event Tester' },
  { path: 'deliveries', label: 'Deliveries' },
];

export function DestinationShell({ id, children }: { id: string; children: ReactNode }) {
  const { data: destination, error, isPending } = useDestination(id);
  const [location] = useLocation();
  if (isPending) return <Loading what="Loading the destination" />;
  if (!destination) return <ErrorMessage error={error} title="The destination could not be loaded" />;
  const base = `~/destinations/${encodeURIComponent(id)}`;
  return (
    <>
      <div className="page-heading">
        <h1>{destination.name ?? destination.id}</h1>
        <span className={`badge ${destination.pausedReason ? 'badge-paused' : destination.enabled ? 'badge-on' : 'badge-off'}`}>
          {destination.pausedReason ? 'Paused' : destination.enabled ? 'Enabled' : 'Disabled'}
        </span>
      </div>
      <nav aria-label="Destination" className="tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.path}>
              <Link href={`${base}/${tab.path}`} aria-current={location.startsWith(`/${tab.path}`) ? 'page' : undefined}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
