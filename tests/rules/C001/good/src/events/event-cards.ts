import knex from '../db';

export interface EventCard {
  id: string;
  name: string;
  venueName: string;
  ticketTypes: { name: string; price_cents: number }[];
}

// A join for the venues and one whereIn for every event's ticket types.
export async function listEventCards(tenantId: string): Promise<EventCard[]> {
  const events = await knex('events')
    .join('venues', 'venues.id', 'events.venue_id')
    .where({ 'events.tenant_id': tenantId, 'events.status': 'on_sale' })
    .select('events.id', 'events.name', 'venues.name as venue_name');
  const types = await knex('ticket_types')
    .select('event_id', 'name', 'price_cents')
    .whereIn('event_id', events.map((e) => e.id));
  const byEvent = new Map<string, { name: string; price_cents: number }[]>();
  for (const t of types) {
    const list = byEvent.get(t.event_id) ?? [];
    list.push({ name: t.name, price_cents: t.price_cents });
    byEvent.set(t.event_id, list);
  }
  return events.map((e) => ({
    id: e.id,
    name: e.name,
    venueName: e.venue_name,
    ticketTypes: byEvent.get(e.id) ?? [],
  }));
}

// The loop stops at the first free slug: usually one query, never one per item.
export async function freeSlug(tenantId: string, base: string): Promise<string> {
  for (const candidate of [base, `${base}-2`, `${base}-3`, `${base}-4`]) {
    const taken = await knex('events').where({ tenant_id: tenantId, slug: candidate }).first('id');
    if (!taken) return candidate;
  }
  throw new Error(`no free slug for ${base}`);
}

// Polling one job: the query does not depend on the loop.
export async function waitForExport(jobId: string, deadline: number) {
  while (Date.now() < deadline) {
    const job = await knex('export_jobs').where({ id: jobId }).first();
    if (job?.status === 'done') return job;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`export ${jobId} timed out`);
}
