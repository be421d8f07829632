import knex from '../db';

export default async function VenuePage({ params }: { params: { tenantId: string; venueId: string } }) {
  const venue = await knex('venues')
    .where({ tenant_id: params.tenantId, id: params.venueId })
    .whereNull('deleted_at')
    .first();
  if (!venue) return <p>Venue not found</p>;
  return (
    <section>
      <h1>{venue.name}</h1>
    </section>
  );
}
