// A destination's mappings: n / 50, enable toggles, order.
export function MappingsPage(_props: { id: string }) {
  return (
    <section>
      <h2>Mappings</h2>
      <p>Not built yet.</p>
    </section>
  );
}
