import { Knex } from 'knex';

export interface TicketTypeSummary {
  id: string;
  name: string;
  price_cents: number;
  available: number;
}

export interface EventSummary {
  id: string;
  name: string;
  slug: string;
  starts_at: Date;
  ticketTypes: TicketTypeSummary[];
}

const PAGE_SIZE = 50;

// OK: ORDER BY chosen from literal clauses, never from the request's text.
const SORTS = {
  soonest: 'starts_at ASC',
  latest: 'starts_at DESC',
  name: 'lower(name) ASC',
} as const;

export type EventSort = keyof typeof SORTS;

export class EventRepository {
  constructor(private readonly db: Knex) {}

  // OK: live events only (guide 2.6); the slug is unique among them.
  async findBySlug(tenantId: string, slug: string) {
    return this.db('events').where({ tenant_id: tenantId, slug }).whereNull('deleted_at').first();
  }

  async listOnSale(tenantId: string, sort: EventSort = 'soonest'): Promise<EventSummary[]> {
    const events = await this.db('events')
      .where({ tenant_id: tenantId, status: 'on_sale' })
      .whereNull('deleted_at')
      .orderByRaw(`${SORTS[sort]}, id`)
      .limit(PAGE_SIZE);
    const summaries: EventSummary[] = [];
    for (const event of events) {
      // FLAW C001: one query per event on the page (guide 2.4); one whereIn
      // on event_id would load every event's ticket types at once.
      const ticketTypes = await this.db('ticket_types')
        .where({ tenant_id: tenantId, event_id: event.id })
        .select('id', 'name', 'price_cents', this.db.raw('quantity - quantity_sold AS available'))
        .orderBy('price_cents');
      summaries.push({ id: event.id, name: event.name, slug: event.slug, starts_at: event.starts_at, ticketTypes });
    }
    return summaries;
  }

  async search(tenantId: string, term: string) {
    return this.db('events')
      .where({ tenant_id: tenantId })
      .whereNull('deleted_at')
      // FLAW C013: the search box's text is pasted into the SQL: a quote in it
      // ends the string literal and the rest runs as SQL.
      .whereRaw(`name ILIKE '%${term}%'`)
      .orderBy('starts_at')
      .limit(PAGE_SIZE);
  }

  async findVenue(tenantId: string, venueId: string) {
    // FLAW C012: written before venues became soft-deleted (20240610090000):
    // a deleted venue is still found, and events can still be booked into it.
    return this.db('venues').where({ tenant_id: tenantId, id: venueId }).first();
  }

  // OK: the venue picker has the filter.
  async listVenues(tenantId: string) {
    return this.db('venues').where({ tenant_id: tenantId }).whereNull('deleted_at').orderBy('name');
  }
}
