// Configure a new destination: pick the sources that feed it and name it.
export function ConfigurePage(_props: { type: string }) {
  return (
    <section>
      <h2>Configure</h2>
      <p>Not built yet.</p>
    </section>
  );
}
