// A destination's deliveries: the overview chart, filters, the list, replay.
export function DeliveriesPage(_props: { id: string }) {
  return (
    <section>
      <h2>Deliveries</h2>
      <p>Not built yet.</p>
    </section>
  );
}
