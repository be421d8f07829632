import { Knex } from 'knex';

// Royalty payouts are settled in the tenant's settlement currency.
const SETTLEMENT_CURRENCY = 'USD';

export class SplitOverflowError extends Error {
  readonly statusCode = 422;
}

export class RoyaltyPayouts {
  constructor(private readonly db: Knex) {}

  // Credits the next pending payout to its recipient's balance.  Several
  // workers run this in a loop.
  async payNext(tenantId: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      // OK: FOR UPDATE SKIP LOCKED: each worker takes a different payout
      // (guide 3.2).
      const payout = await trx('royalty_payouts')
        .where({ tenant_id: tenantId, status: 'pending' })
        .orderBy('created_at')
        .forUpdate()
        .skipLocked()
        .first();
      if (!payout) return false;
      const split = await trx('royalty_splits')
        .where({ tenant_id: tenantId, id: payout.royalty_split_id })
        .first('recipient_id');

      // OK: the balance row is created once (ON CONFLICT) and credited by the
      // database, not from a value read earlier.
      await trx('user_balances')
        .insert({ tenant_id: tenantId, user_id: split.recipient_id, currency: SETTLEMENT_CURRENCY })
        .onConflict(['user_id', 'currency'])
        .ignore();
      const [balance] = await trx('user_balances')
        .where({ tenant_id: tenantId, user_id: split.recipient_id, currency: SETTLEMENT_CURRENCY })
        .update({ balance_cents: trx.raw('balance_cents + ?', [payout.amount_cents]), updated_at: trx.fn.now() })
        .returning(['id', 'balance_cents']);
      await trx('ledger_entries').insert({
        tenant_id: tenantId,
        user_balance_id: balance.id,
        entry_type: 'credit',
        amount_cents: payout.amount_cents,
        balance_after_cents: balance.balance_cents,
        description: `royalty payout ${payout.id}`,
      });
      await trx('royalty_payouts')
        .where({ tenant_id: tenantId, id: payout.id })
        .update({ status: 'paid', paid_at: trx.fn.now() });
      return true;
    });
  }

  // Corrects a recipient's percentage and re-prices their pending payouts.
  async correctSplit(tenantId: string, eventId: string, splitId: string, percentage: number): Promise<void> {
    // FLAW C009: SERIALIZABLE is the right level here (two corrections at once
    // could together take the event past 100 %), but nothing retries a
    // serialization failure (40001): the organizer gets a 500.
    await this.db.transaction(
      async (trx) => {
        const [{ others }] = await trx('royalty_splits')
          .where({ tenant_id: tenantId, event_id: eventId })
          .whereNot({ id: splitId })
          .sum({ others: 'percentage' });
        if (Number(others ?? 0) + percentage > 100) throw new SplitOverflowError(eventId);
        await trx('royalty_splits').where({ tenant_id: tenantId, id: splitId }).update({ percentage });
        await trx.raw(
          `UPDATE royalty_payouts p
              SET amount_cents = floor(l.asking_price_cents * ? / 100)
             FROM resale_listings l
            WHERE l.id = p.resale_listing_id
              AND p.tenant_id = ? AND p.royalty_split_id = ? AND p.status = 'pending'`,
          [percentage, tenantId, splitId],
        );
      },
      { isolationLevel: 'serializable' },
    );
  }

  // The organizer's royalty report; sort and direction come from the query string.
  async report(tenantId: string, sort: string, direction: string) {
    return this.db('royalty_payouts')
      .where({ tenant_id: tenantId })
      .select('royalty_split_id', 'status')
      .sum({ total_cents: 'amount_cents' })
      .count({ payouts: '*' })
      .groupBy('royalty_split_id', 'status')
      // FLAW C013: ?sort=...&direction=... pasted into ORDER BY: anything after
      // it runs as SQL.
      .orderByRaw(`${sort} ${direction}`);
  }
}
