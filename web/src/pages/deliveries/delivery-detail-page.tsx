// One delivery: the event, every attempt with its requests and answers, warnings, replay.
export function DeliveryDetailPage(_props: { deliveryId: string }) {
  return (
    <section>
      <h2>Delivery</h2>
      <p>Not built yet.</p>
    </section>
  );
}
