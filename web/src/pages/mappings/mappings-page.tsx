// A destination's mappings: n / 50, enable switches, order, edit and delete, and the way to add one.
import { useState } from 'react';
import { Link } from 'wouter';
import { useDestination } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { ManagedNotice } from '../../components/managed-notice.js';
import { MappingRow } from './mapping-row.js';
import { MAX_MAPPINGS, useActions, useDeleteMapping, useMappings, useReorder, useSetEnabled } from './mappings-api.js';
import './mappings.css';

export function MappingsPage({ id }: { id: string }) {
  const destination = useDestination(id);
  const list = useMappings(id);
  const actions = useActions(destination.data?.type);
  const setEnabled = useSetEnabled(id);
  const remove = useDeleteMapping(id);
  const reorder = useReorder(id);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ error: unknown; title: string }>();

  if (list.isPending) return <Loading what="Loading the mappings" />;
  if (!list.data) return <ErrorMessage error={list.error} title="The mappings could not be loaded" />;
  const { mappings, presets } = list.data;
  const managed = destination.data?.managedByConfig === true;
  const busy = setEnabled.isPending || remove.isPending || reorder.isPending;
  const full = mappings.length >= MAX_MAPPINGS;
  const titleOf = (key: string) => actions.data?.find((a) => a.key === key || a.aliases.includes(key))?.title ?? key;
  const defaultTriggerOf = (key: string) => actions.data?.find((a) => a.key === key || a.aliases.includes(key))?.defaultTrigger;

  async function run(title: string, change: () => Promise<unknown>, done: string) {
    setFailure(undefined);
    setStatus('');
    try {
      await change();
      setStatus(done);
    } catch (error) {
      setFailure({ error, title });
    }
  }
  const move = (index: number, by: -1 | 1) => {
    const names = mappings.map((m) => m.name);
    const [name] = names.splice(index, 1);
    names.splice(index + by, 0, name!);
    return run(`${name} could not be moved`, () => reorder.mutateAsync(names), `${name} moved ${by < 0 ? 'up' : 'down'} to position ${index + by + 1}.`);
  };

  return (
    <section className="mappings-page" aria-labelledby="mappings-heading">
      <div className="row mappings-head">
        <h2 id="mappings-heading">Mappings</h2>
        <span className="hint" aria-label={`${mappings.length} of at most ${MAX_MAPPINGS} mappings`}>
          {mappings.length} / {MAX_MAPPINGS}
        </span>
        {!managed && !full && (
          <Link href="/mappings/new" className="button">
            Add mapping
          </Link>
        )}
      </div>
      <p className="hint">
        Each event is checked against every enabled mapping, in this order; every mapping whose trigger matches sends it
        with its action. One event may match several.
      </p>
      {managed && <ManagedNotice what="these mappings" />}
      {full && !managed && (
        <p className="notice">This destination has {MAX_MAPPINGS} mappings, the most it can hold: delete one to add another.</p>
      )}
      {presets && mappings.length > 0 && (
        <p className="notice">
          These are the destination's preset mappings. They apply until you change one: your first change stores them as
          this destination's own.
        </p>
      )}
      <ErrorMessage error={failure?.error} title={failure?.title} />
      <p role="status" className="mappings-status">{status}</p>
      {mappings.length === 0 ? (
        <div className="card">
          <h3>No mappings</h3>
          <p>
            Nothing is sent to the destination: no event can match. {managed ? 'Add mappings in the config file.' : 'Add a mapping to choose which events to send and how.'}
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="mappings-table">
            <caption className="mappings-sr-only">Mappings of {destination.data?.name ?? id}, in the order they are checked</caption>
            <thead>
              <tr>
                <th scope="col">Enabled</th>
                <th scope="col">Name</th>
                <th scope="col" className="mapping-wide">Action</th>
                <th scope="col" className="mapping-wide">Trigger</th>
                <th scope="col">Order and changes</th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((mapping, index) => (
                <MappingRow
                  key={mapping.name}
                  mapping={mapping}
                  actionTitle={titleOf(mapping.action)}
                  defaultTrigger={defaultTriggerOf(mapping.action)}
                  first={index === 0}
                  last={index === mappings.length - 1}
                  disabled={busy || managed}
                  onToggle={(enabled) =>
                    run(`${mapping.name} could not be ${enabled ? 'enabled' : 'disabled'}`,
                      () => setEnabled.mutateAsync({ name: mapping.name, enabled }), `${mapping.name} ${enabled ? 'enabled' : 'disabled'}.`)}
                  onMove={(by) => move(index, by)}
                  onDelete={() => run(`${mapping.name} could not be deleted`, () => remove.mutateAsync(mapping.name), `${mapping.name} deleted.`)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
