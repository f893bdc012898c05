// A destination's settings: connect with OAuth or paste a token, test the connection, region, enable, delete.
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useDestination, useSources } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { ManagedNotice } from '../../components/managed-notice.js';
import { useDestinationType } from '../catalog/destination-types.js';
import { sourcesText } from '../destinations/destination-summary.js';
import { ConnectionSection, type ConnectionAnswer } from './connection-section.js';
import { DeleteSection } from './delete-section.js';
import { DeliverySection } from './delivery-section.js';
import { CONNECT_DETAILS, settingsFields } from './schema-fields.js';
import { SettingsForm } from './settings-form.js';
import { SourcesSection } from './sources-section.js';
import './settings.css';

export function SettingsPage({ id }: { id: string }) {
  const { data: destination, error } = useDestination(id);
  const type = useDestinationType(destination?.type ?? '');
  const sources = useSources();
  const search = useSearch();
  const [, navigate] = useLocation();
  // Back from OAuth connect: said once; the address loses its "?connected=1" so a reload does not say it again.
  const [justConnected] = useState(() => new URLSearchParams(search).get('connected') === '1');
  useEffect(() => {
    if (new URLSearchParams(search).has('connected')) navigate('/settings', { replace: true });
  }, [search, navigate]);
  const [tested, setTested] = useState<ConnectionAnswer>();
  // The credential pasted in Connection is the type's first secret; the form shows the others.
  const credential = type.data?.secretSettings[0];
  const entries = useMemo(
    () => (type.data ? settingsFields(type.data.settings, [...CONNECT_DETAILS, ...(credential ? [credential] : [])]) : []),
    [type.data, credential],
  );

  if (!destination || !type.data) {
    return (
      <section>
        <h2>Settings</h2>
        <ErrorMessage error={error ?? type.error} title="The settings could not be loaded" />
        {!error && !type.error && <Loading what="Loading the settings" />}
      </section>
    );
  }
  const readOnly = destination.managedByConfig === true;
  const storedWorkspace = (destination.settings.workspace as { name?: string } | undefined)?.name;
  const workspace = tested?.ok ? tested.workspace.name : storedWorkspace;
  return (
    <section className="settings-page">
      <h2>Settings</h2>
      <p className="hint">
        {type.data.title} destination <code>{destination.id}</code>, fed by: {sourcesText(destination, sources.data)}.
      </p>
      {readOnly && <ManagedNotice what="this destination" />}
      {destination.pausedReason && (
        <div className="notice paused-notice">
          <p>
            <strong>Paused:</strong> {destination.pausedReason}.
          </p>
          <p>
            Its events wait; nothing is sent until the credentials work again. {type.data.oauth ? `Connect with ${type.data.title} again or paste` : 'Paste'} a
            new access token below: new settings clear the pause (so does restarting ferry), and the waiting events are
            then delivered.
          </p>
        </div>
      )}
      <div className="settings-sections">
        <ConnectionSection
          destination={destination}
          type={type.data}
          credential={credential}
          justConnected={justConnected}
          managed={readOnly}
          tested={tested}
          onTested={setTested}
        />
        {sources.data && <SourcesSection destination={destination} sources={sources.data} readOnly={readOnly} />}
        {entries.length > 0 && <SettingsForm destination={destination} entries={entries} readOnly={readOnly} />}
        <DeliverySection destination={destination} sources={sources.data} typeTitle={type.data.title} workspace={workspace} readOnly={readOnly} />
        <DeleteSection destination={destination} readOnly={readOnly} />
      </div>
    </section>
  );
}
