import { Knex } from 'knex';

export interface Entry {
  userBalanceId: string;
  amountCents: number;
  balanceAfterCents: number;
}

export class LedgerWriter {
  constructor(private readonly db: Knex) {}

  async append(entries: Entry[]): Promise<void> {
    let i = 0;
    while (i < entries.length) {
      const e = entries[i];
      await this.db('ledger_entries').insert({
        user_balance_id: e.userBalanceId,
        entry_type: 'credit',
        amount_cents: e.amountCents,
        balance_after_cents: e.balanceAfterCents,
      });
      i += 1;
    }
  }
}
