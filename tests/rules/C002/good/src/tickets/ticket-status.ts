import { Knex } from 'knex';
import knex from '../db';

export async function markSold(ticketIds: string[]): Promise<void> {
  await knex('tickets').whereIn('id', ticketIds).update({ status: 'sold' });
}

export async function cancelTickets(trx: Knex.Transaction, tickets: { id: string }[]) {
  await trx('tickets')
    .whereIn(
      'id',
      tickets.map((t) => t.id),
    )
    .update({ status: 'cancelled' });
}

// A backfill in chunks of 1000: each pass of the loop is one bounded
// statement over many rows, not one statement per item.
export async function backfillSerials(): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await knex('tickets')
      .whereIn('id', knex('tickets').select('id').whereNull('serial_number').limit(1000))
      .update({ serial_number: knex.raw("'TT-' || substr(id::text, 1, 8)") });
    if (n === 0) return total;
    total += n;
  }
}

// Retrying a serialization failure repeats the whole transaction: the loop
// counts attempts, it does not walk over items.
export async function purchase(ticketTypeId: string, quantity: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(
        async (trx) => {
          await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
          return trx('orders').insert({ ticket_type_id: ticketTypeId, quantity }).returning('*');
        },
        { isolationLevel: 'serializable' },
      );
    } catch (err) {
      if ((err as { code?: string }).code === '40001' && attempt < 3) continue;
      throw err;
    }
  }
}
