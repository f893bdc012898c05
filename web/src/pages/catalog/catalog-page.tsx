// The destination types ferry can deliver to (from the registry), each with its actions; Configure starts the flow.
export function CatalogPage() {
  return (
    <section>
      <h2>Catalog</h2>
      <p>Not built yet.</p>
    </section>
  );
}
