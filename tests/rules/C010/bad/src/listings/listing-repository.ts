import { Knex } from 'knex';

export class ListingRepository {
  constructor(private readonly db: Knex) {}

  // The partial unique index refuses a second active listing of a ticket;
  // nothing here turns that refusal into a 409.
  async create(ticketId: string, sellerId: string, askingPriceCents: number) {
    const [listing] = await this.db('resale_listings')
      .insert({ ticket_id: ticketId, seller_id: sellerId, asking_price_cents: askingPriceCents })
      .returning('*');
    return listing;
  }
}

export async function createVenue(trx: Knex.Transaction, tenantId: string, slug: string, name: string) {
  await trx('venues').insert({ tenant_id: tenantId, slug, name });
}
