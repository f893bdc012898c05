// Every page says when a destination is paused because its service refused the credentials, and how to fix it.
import { Link } from 'wouter';
import { useDestinations } from '../api/queries.js';

export function PausedBanner() {
  const { data } = useDestinations();
  const paused = (data ?? []).filter((destination) => destination.pausedReason);
  if (paused.length === 0) return null;
  return (
    <section className="paused-banner" role="alert" aria-label="Paused destinations">
      {paused.map((destination) => (
        <p key={destination.id}>
          <strong>{destination.name ?? destination.id} is paused:</strong> {destination.pausedReason}. Its events wait and
          nothing is sent until you{' '}
          <Link href={`~/destinations/${encodeURIComponent(destination.id)}/settings`}>connect it again or give a new token</Link>.
        </p>
      ))}
    </section>
  );
}
