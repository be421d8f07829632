import { Knex } from 'knex';

export class Balances {
  constructor(private readonly db: Knex) {}

  async credit(userId: string, amount: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const acct = await trx('user_balances').where({ user_id: userId }).forNoKeyUpdate().first();
      await trx('user_balances')
        .where({ id: acct.id })
        .update({ balance_cents: acct.balance_cents + amount });
    });
  }

  // Optimistic locking: the write applies only to the version that was read,
  // and a lost race is reported (guide 1.4).
  async debit(userId: string, amount: number): Promise<void> {
    const acct = await this.db('user_balances').where({ user_id: userId }).first();
    const updated = await this.db('user_balances')
      .where({ id: acct.id, version: acct.version })
      .update({ balance_cents: acct.balance_cents - amount, version: acct.version + 1 });
    if (updated === 0) {
      throw new Error('balance changed concurrently, retry');
    }
  }

  // SERIALIZABLE: PostgreSQL aborts one of two racing transactions (40001), retried here.
  async transfer(fromUserId: string, toUserId: string, amount: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction(
          async (trx) => {
            const from = await trx('user_balances').where({ user_id: fromUserId }).first();
            await trx('user_balances')
              .where({ id: from.id })
              .update({ balance_cents: from.balance_cents - amount });
            await trx('user_balances').where({ user_id: toUserId }).increment('balance_cents', amount);
          },
          { isolationLevel: 'serializable' },
        );
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '40001' || attempt === 3) throw err;
      }
    }
  }

  // Compare-and-set on the status: only one buyer moves the listing off 'open'.
  async buyListing(listingId: string): Promise<void> {
    const listing = await this.db('resale_listings').where({ id: listingId }).first();
    const n = await this.db('resale_listings')
      .where({ id: listingId, status: 'open' })
      .update({ status: 'sold', price_paid_cents: listing.asking_price_cents });
    if (n === 0) throw new Error('listing no longer open');
  }

  // Read one table, write another: no read-modify-write of one row.
  async settleOrder(orderId: string, listingId: string): Promise<void> {
    const listing = await this.db('resale_listings').where({ id: listingId }).first();
    await this.db('orders').where({ id: orderId }).update({ total_cents: listing.asking_price_cents });
  }

  // The new value does not come from the row that was read.
  async withdrawListing(listingId: string, sellerTicketId: string): Promise<void> {
    const listing = await this.db('resale_listings').where({ id: listingId }).first();
    if (listing.ticket_id !== sellerTicketId) throw new Error('not your listing');
    await this.db('resale_listings').where({ id: listingId }).update({ status: 'withdrawn' });
  }
}
