import { Knex } from 'knex';
import knex from '../db';

// Knex 3.3.0: transaction(handler, config); transaction(config) and
// transaction(null, config) return a transaction object.  Accepted levels:
// 'read uncommitted', 'read committed', 'snapshot', 'repeatable read',
// 'serializable' (lib/execution/transaction.js, validIsolationLevels).

export async function purchase(ticketTypeId: string, quantity: number) {
  return knex.transaction(
    async (trx) => {
      await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
    },
    { isolationLevel: 'serializable' },
  );
}

export async function salesReport(eventId: string) {
  return knex.transaction(async (trx) => trx('ticket_types').where({ event_id: eventId }), {
    isolationLevel: 'repeatable read',
    readOnly: true,
  });
}

export class Checkout {
  constructor(private readonly db: Knex) {}

  async reserve(ticketTypeId: string, quantity: number) {
    const trx = await this.db.transaction({ isolationLevel: 'serializable' });
    try {
      await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
      await trx.commit();
    } catch (err) {
      await trx.rollback(err);
      throw err;
    }
  }

  async lookup(ticketTypeId: string) {
    return this.db.transaction(async (trx) => trx('ticket_types').where({ id: ticketTypeId }).first());
  }
}
