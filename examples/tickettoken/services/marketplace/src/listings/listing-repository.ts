import { Knex } from 'knex';

export interface NewListing {
  ticketId: string;
  sellerId: string;
  askingPriceCents: number;
  currency: string;
  expiresAt: Date | null;
}

export class NotTicketOwnerError extends Error {
  readonly statusCode = 403;
}

export class ListingRepository {
  constructor(private readonly db: Knex) {}

  async create(tenantId: string, input: NewListing) {
    const ticket = await this.db('tickets')
      .where({ tenant_id: tenantId, id: input.ticketId, owner_id: input.sellerId, status: 'sold' })
      .first('id');
    if (!ticket) throw new NotTicketOwnerError(input.ticketId);
    // FLAW C010: a ticket has at most one active listing (the partial unique
    // index resale_listings_one_active_per_ticket); a double submit fails
    // with 23505, which nothing here turns into a 409: the seller gets a 500.
    const [listing] = await this.db('resale_listings')
      .insert({
        tenant_id: tenantId,
        ticket_id: input.ticketId,
        seller_id: input.sellerId,
        asking_price_cents: input.askingPriceCents,
        currency: input.currency,
        expires_at: input.expiresAt,
      })
      .returning('*');
    return listing;
  }

  // OK: two queries for the whole page: the event's tickets, then their listings.
  async activeForEvent(tenantId: string, eventId: string) {
    const tickets = await this.db('tickets')
      .where({ tenant_id: tenantId, event_id: eventId })
      .select('id', 'section', 'row', 'seat_number');
    const seats = new Map(tickets.map((t) => [t.id, t]));
    const listings = await this.db('resale_listings')
      .where({ tenant_id: tenantId, status: 'active' })
      .whereIn('ticket_id', [...seats.keys()])
      .orderBy('asking_price_cents');
    return listings.map((listing) => ({ ...listing, seat: seats.get(listing.ticket_id) }));
  }

  // The seller's "my listings" page.
  async forSeller(tenantId: string, sellerId: string) {
    const listings = await this.db('resale_listings')
      .where({ tenant_id: tenantId, seller_id: sellerId })
      .orderBy('listed_at', 'desc');
    const withSeats = await Promise.all(
      listings.map(async (listing) => {
        // FLAW C001: one query per listing, all sent at once: Promise.all
        // does not batch them.
        const seat = await this.db('tickets')
          .where({ tenant_id: tenantId, id: listing.ticket_id })
          .first('section', 'row', 'seat_number', 'event_id');
        return { ...listing, seat };
      }),
    );
    return withSeats;
  }

  // Run every minute by the scheduler.
  async expire(tenantId: string, now: Date = new Date()): Promise<number> {
    const expired = await this.db('resale_listings')
      .where({ tenant_id: tenantId, status: 'active' })
      .andWhere('expires_at', '<', now);
    expired.forEach(async (listing) => {
      // FLAW C017, C002: forEach does not wait for an async callback: expire()
      // returns, and the job reports success, before any update has run, and
      // their errors are lost; and it is one UPDATE per listing where one
      // UPDATE ... WHERE expires_at < now would do.
      await this.db('resale_listings')
        .where({ tenant_id: tenantId, id: listing.id, status: 'active' })
        .update({ status: 'expired' });
    });
    return expired.length;
  }
}
