// The mapping editor: action, trigger (builder or FQL), test event, fields with defaults pre-filled, test for real, save.
import { Link } from 'wouter';
import { useDestination } from '../../api/queries.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Loading } from '../../components/loading.js';
import { ManagedNotice } from '../../components/managed-notice.js';
import { findAction } from './editor-draft.js';
import { MappingEditor } from './mapping-editor.js';
import { useActions, useMappings } from './mappings-api.js';
import './mappings.css';

/** A name from the address, decoded once more when the router left escapes in it (`%2F`). */
function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function MappingEditorPage({ id, name }: { id: string; name?: string }) {
  const destination = useDestination(id);
  const list = useMappings(id);
  const actions = useActions(destination.data?.type);
  const editing = name === undefined ? undefined : decodeName(name);

  const heading = (
    <>
      <p className="hint">
        <Link href="/mappings">← All mappings</Link>
      </p>
      <h2>Mapping</h2>
    </>
  );
  if (list.isPending || actions.isPending) return <section>{heading}<Loading what="Loading the mapping" /></section>;
  if (!list.data || !actions.data) {
    return <section>{heading}<ErrorMessage error={list.error ?? actions.error} title="The mapping editor could not load" /></section>;
  }
  const saved = editing === undefined ? undefined : list.data.mappings.find((m) => m.name === editing);
  if (editing !== undefined && !saved) {
    return (
      <section>
        {heading}
        <p role="alert">
          This destination has no mapping named <strong>{editing}</strong> (renamed or deleted?). <Link href="/mappings">See its mappings</Link>.
        </p>
      </section>
    );
  }
  const action = saved ? findAction(actions.data, saved.action) : actions.data[0];
  if (!action) return <section>{heading}<p role="alert">No action of this destination type is known as {saved?.action ?? 'a first action'}.</p></section>;
  const managed = destination.data?.managedByConfig === true;
  return (
    <section>
      {heading}
      <p className="hint">{saved ? `Editing ${saved.name}` : 'A new mapping'} of {destination.data?.name ?? id}</p>
      {managed && <ManagedNotice what="this mapping" />}
      <MappingEditor
        key={editing ?? 'new'}
        destinationId={id}
        actions={actions.data}
        initialAction={action}
        saved={saved}
        readOnly={managed}
        count={list.data.mappings.length}
      />
    </section>
  );
}
