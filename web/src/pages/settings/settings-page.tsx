// A destination's settings: connect with OAuth or paste a token, test the connection, region, enable.
export function SettingsPage(_props: { id: string }) {
  return (
    <section>
      <h2>Settings</h2>
      <p>Not built yet.</p>
    </section>
  );
}
