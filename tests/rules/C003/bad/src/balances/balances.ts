import { Knex } from 'knex';

export class Balances {
  constructor(private readonly db: Knex) {}

  // A transaction alone does not help: READ COMMITTED, and no lock on the read.
  async credit(userId: string, amount: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const acct = await trx('user_balances').where({ user_id: userId }).first();
      await trx('user_balances')
        .where({ id: acct.id })
        .update({ balance_cents: acct.balance_cents + amount });
    });
  }

  // A version check whose row count nobody reads: a lost race is a silent no-op.
  async debit(userId: string, amount: number): Promise<void> {
    const acct = await this.db('user_balances').where({ user_id: userId }).first();
    await this.db('user_balances')
      .where({ id: acct.id, version: acct.version })
      .update({ balance_cents: acct.balance_cents - amount, version: acct.version + 1 });
  }
}
