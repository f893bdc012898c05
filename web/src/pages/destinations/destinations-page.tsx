// The destinations ferry delivers to, each with its state and a way to its pages.
export function DestinationsPage() {
  return (
    <section>
      <h2>Destinations</h2>
      <p>Not built yet.</p>
    </section>
  );
}
