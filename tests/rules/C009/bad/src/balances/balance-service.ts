import { Knex } from 'knex';

export class BalanceService {
  constructor(private readonly db: Knex) {}

  // The balance check reads an unlocked row (guide 3.3: lock the user row
  // before the balance check).
  async transfer(fromUserId: string, toUserId: string, amountCents: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const from = await trx('user_balances').where({ user_id: fromUserId }).first();
      if (from.balance_cents < amountCents) throw new Error('insufficient funds');
      await trx('user_balances')
        .where({ user_id: fromUserId })
        .update({ balance_cents: trx.raw('balance_cents - ?', [amountCents]) });
      await trx('user_balances')
        .where({ user_id: toUserId })
        .update({ balance_cents: trx.raw('balance_cents + ?', [amountCents]) });
    });
  }
}
