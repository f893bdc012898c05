// One source: snippets with the right host and key, and the events arriving live.
export function SourcePage(_props: { id: string }) {
  return (
    <section>
      <h2>Source</h2>
      <p>Not built yet.</p>
    </section>
  );
}
