// The Event Tester: one event through every mapping for real, with each request and answer.
export function EventTesterPage(_props: { id: string }) {
  return (
    <section>
      <h2>Event Tester</h2>
      <p>Not built yet.</p>
    </section>
  );
}
