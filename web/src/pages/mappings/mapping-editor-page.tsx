// The mapping editor: action, trigger (FQL and builder), fields, test with a sample event, save.
export function MappingEditorPage(_props: { id: string; name?: string }) {
  return (
    <section>
      <h2>Mapping</h2>
      <p>Not built yet.</p>
    </section>
  );
}
