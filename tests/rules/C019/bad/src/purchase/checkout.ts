import { Knex } from 'knex';

export class Checkout {
  constructor(private readonly db: Knex) {}

  // Upper case: PostgreSQL would take it, Knex throws before BEGIN.
  async reserve(ticketTypeId: string, quantity: number) {
    return this.db.transaction(
      async (trx) => {
        await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
      },
      { isolationLevel: 'SERIALIZABLE' as Knex.IsolationLevels },
    );
  }
}
