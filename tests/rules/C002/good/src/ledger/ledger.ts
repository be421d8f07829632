import { Knex } from 'knex';

export interface Entry {
  userBalanceId: string;
  amountCents: number;
  balanceAfterCents: number;
}

export class LedgerWriter {
  constructor(private readonly db: Knex) {}

  // The loop builds the rows; one INSERT after it.
  async append(entries: Entry[]): Promise<void> {
    const rows = [];
    for (const e of entries) {
      rows.push({
        user_balance_id: e.userBalanceId,
        entry_type: 'credit',
        amount_cents: e.amountCents,
        balance_after_cents: e.balanceAfterCents,
      });
    }
    await this.db('ledger_entries').insert(rows);
  }

  // batchInsert chunks internally: no loop in this code.
  async import(entries: Entry[]): Promise<void> {
    await this.db.batchInsert(
      'ledger_entries',
      entries.map((e) => ({
        user_balance_id: e.userBalanceId,
        entry_type: 'credit',
        amount_cents: e.amountCents,
        balance_after_cents: e.balanceAfterCents,
      })),
      500,
    );
  }
}
