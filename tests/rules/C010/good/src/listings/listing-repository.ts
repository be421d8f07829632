import { Knex } from 'knex';

const UNIQUE_VIOLATION = '23505';

export class AlreadyListedError extends Error {}

export class ListingRepository {
  constructor(private readonly db: Knex) {}

  async create(ticketId: string, sellerId: string, askingPriceCents: number) {
    try {
      const [listing] = await this.db('resale_listings')
        .insert({ ticket_id: ticketId, seller_id: sellerId, asking_price_cents: askingPriceCents })
        .returning('*');
      return listing;
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new AlreadyListedError(ticketId);
      throw err;
    }
  }

  // The insert runs in a transaction; the try around the whole transaction
  // handles the unique violation it rolls back with.
  async relist(oldListingId: string, ticketId: string, sellerId: string, askingPriceCents: number) {
    try {
      return await this.db.transaction(async (trx) => {
        await trx('resale_listings').where({ id: oldListingId }).update({ status: 'cancelled' });
        const [listing] = await trx('resale_listings')
          .insert({ ticket_id: ticketId, seller_id: sellerId, asking_price_cents: askingPriceCents })
          .returning('*');
        return listing;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AlreadyListedError(ticketId);
      throw err;
    }
  }
}

// ON CONFLICT ... DO UPDATE: the venue is created or renamed.
export async function upsertVenue(trx: Knex.Transaction, tenantId: string, slug: string, name: string) {
  await trx('venues').insert({ tenant_id: tenantId, slug, name }).onConflict(['tenant_id', 'slug']).merge(['name']);
}
