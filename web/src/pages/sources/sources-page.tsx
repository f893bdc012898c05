// The sources: list, create, rotate the write key.
export function SourcesPage() {
  return (
    <section>
      <h2>Sources</h2>
      <p>Not built yet.</p>
    </section>
  );
}
