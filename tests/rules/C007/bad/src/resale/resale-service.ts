import { Knex } from 'knex';
import knex from '../db';

interface Split {
  recipient_id: string;
  percentage: number;
}

export function royaltyPayouts(priceCents: number, splits: Split[]) {
  const total = splits.reduce((sum, s) => sum + Number(s.percentage), 0);
  if (total > 100) throw new RangeError(`royalty splits add up to ${total} %`);
  return splits.map((s) => ({
    recipient_id: s.recipient_id,
    amount_cents: Math.floor((priceCents * Number(s.percentage)) / 100),
  }));
}

// The listing is sold, the splits fail, the catch logs: the transaction
// commits a sale without its royalties.
export async function completeSale(listingId: string, buyerId: string) {
  await knex.transaction(async (trx) => {
    const listing = await trx('resale_listings').where({ id: listingId }).forUpdate().first();
    await trx('resale_listings').where({ id: listingId }).update({ status: 'sold', buyer_id: buyerId });
    try {
      const splits = await trx('royalty_splits').where({ event_id: listing.event_id });
      await trx('royalty_payouts').insert(royaltyPayouts(listing.asking_price_cents, splits));
    } catch (err) {
      console.error('royalty split failed', listingId, err);
    }
  });
}

export class TransferService {
  constructor(private readonly db: Knex) {}

  // The catch turns the failure into a return value: the callback resolves
  // and Knex commits the owner change without its history row.
  async transfer(ticketId: string, toUserId: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      await trx('tickets').where({ id: ticketId }).update({ owner_id: toUserId });
      try {
        await trx('ticket_transfers').insert({ ticket_id: ticketId, to_user_id: toUserId, transfer_type: 'gift' });
        assertTransferable(ticketId);
        return true;
      } catch (e) {
        return false;
      }
    });
  }

  async voidTicket(ticketId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('tickets').where({ id: ticketId }).update({ status: 'cancelled' });
      try {
        await trx('inventory').where({ ticket_id: ticketId }).increment('available', 1);
        assertTransferable(ticketId);
      } catch {
        // best effort
      }
    });
  }
}

function assertTransferable(ticketId: string): void {
  if (!ticketId) throw new Error('ticket cannot be transferred');
}
