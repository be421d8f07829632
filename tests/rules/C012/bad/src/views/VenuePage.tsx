import knex from '../db';

// A server-rendered page: a deleted venue still gets its page.
export default async function VenuePage({ params }: { params: { tenantId: string; venueId: string } }) {
  const venue = await knex('venues').where({ tenant_id: params.tenantId, id: params.venueId }).first();
  if (!venue) return <p>Venue not found</p>;
  return (
    <section>
      <h1>{venue.name}</h1>
    </section>
  );
}
