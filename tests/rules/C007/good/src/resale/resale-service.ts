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

class RoyaltyError extends Error {}

export async function completeSale(listingId: string, buyerId: string) {
  await knex.transaction(async (trx) => {
    const listing = await trx('resale_listings').where({ id: listingId }).forUpdate().first();
    await trx('resale_listings').where({ id: listingId }).update({ status: 'sold', buyer_id: buyerId });
    try {
      const splits = await trx('royalty_splits').where({ event_id: listing.event_id });
      await trx('royalty_payouts').insert(royaltyPayouts(listing.asking_price_cents, splits));
    } catch (err) {
      console.error('royalty split failed', listingId, err);
      throw err;
    }
  });
}

// The catch is outside the transaction: by then Knex has rolled it back.
export async function completeSaleOrLog(listingId: string, buyerId: string): Promise<boolean> {
  try {
    await completeSale(listingId, buyerId);
    return true;
  } catch (err) {
    console.error('sale failed and was rolled back', listingId, err);
    return false;
  }
}

export class TransferService {
  constructor(private readonly db: Knex) {}

  async transfer(ticketId: string, toUserId: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      await trx('tickets').where({ id: ticketId }).update({ owner_id: toUserId });
      try {
        await trx('ticket_transfers').insert({ ticket_id: ticketId, to_user_id: toUserId, transfer_type: 'gift' });
        assertTransferable(ticketId);
        return true;
      } catch (e) {
        await trx.rollback(e);
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
      } catch (err) {
        throw new RoyaltyError(`could not void ${ticketId}: ${(err as Error).message}`);
      } finally {
        console.info('void attempted', ticketId);
      }
    });
  }

  // The try holds no query: a malformed note falls back to none, nothing
  // half-written depends on it.
  async addNote(ticketId: string, raw: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      let note: { text?: string } = {};
      try {
        note = JSON.parse(raw);
      } catch {
        note = {};
      }
      await trx('ticket_notes').insert({ ticket_id: ticketId, text: note.text ?? '' });
    });
  }
}

function assertTransferable(ticketId: string): void {
  if (!ticketId) throw new Error('ticket cannot be transferred');
}
