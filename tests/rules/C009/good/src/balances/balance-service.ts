import { Knex } from 'knex';

const MAX_ATTEMPTS = 3;

export class BalanceService {
  constructor(private readonly db: Knex) {}

  // SERIALIZABLE with the retry the guide asks for (1.2, 1.6).
  async transfer(fromUserId: string, toUserId: string, amountCents: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction(
          async (trx) => {
            const from = await trx('user_balances').where({ user_id: fromUserId }).first();
            if (from.balance_cents < amountCents) throw new Error('insufficient funds');
            await trx('user_balances')
              .where({ user_id: fromUserId })
              .update({ balance_cents: trx.raw('balance_cents - ?', [amountCents]) });
            await trx('user_balances')
              .where({ user_id: toUserId })
              .update({ balance_cents: trx.raw('balance_cents + ?', [amountCents]) });
          },
          { isolationLevel: 'serializable' },
        );
        return;
      } catch (err) {
        if ((err as { code?: string }).code === '40001' && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  // Both rows locked, in a fixed order so that two opposite transfers do not deadlock.
  async transferLocked(fromUserId: string, toUserId: string, amountCents: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const rows = await trx('user_balances')
        .whereIn('user_id', [fromUserId, toUserId])
        .orderBy('user_id')
        .forUpdate();
      const from = rows.find((r) => r.user_id === fromUserId);
      if (!from || from.balance_cents < amountCents) throw new Error('insufficient funds');
      await trx('user_balances').where({ user_id: fromUserId }).decrement('balance_cents', amountCents);
      await trx('user_balances').where({ user_id: toUserId }).increment('balance_cents', amountCents);
    });
  }
}
