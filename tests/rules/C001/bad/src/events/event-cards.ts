import knex from '../db';

export interface EventCard {
  id: string;
  name: string;
  venueName: string;
  ticketTypes: { name: string; price_cents: number }[];
}

// One query for the events, then two more for every event (guide 2.4).
export async function listEventCards(tenantId: string): Promise<EventCard[]> {
  const events = await knex('events').where({ tenant_id: tenantId, status: 'on_sale' });
  const cards: EventCard[] = [];
  for (const event of events) {
    const venue = await knex('venues').where({ id: event.venue_id }).first();
    const ticketTypes = await knex
      .select('name', 'price_cents')
      .from('ticket_types')
      .where('event_id', event.id);
    cards.push({ id: event.id, name: event.name, venueName: venue.name, ticketTypes });
  }
  return cards;
}
