import { Knex } from 'knex';
import knex from '../db';

// One UPDATE per ticket (guide 3.2, "batch operations instead of loops").
export async function markSold(ticketIds: string[]): Promise<void> {
  for (const id of ticketIds) {
    await knex('tickets').where({ id }).update({ status: 'sold' });
  }
}

// Promise.all sends the same N statements, just without waiting in between.
export async function cancelTickets(trx: Knex.Transaction, tickets: { id: string }[]) {
  await Promise.all(
    tickets.map((t) => trx('tickets').where({ id: t.id }).update({ status: 'cancelled' })),
  );
}

export async function releaseInventory(trx: Knex.Transaction, held: Map<string, number>) {
  for (const [ticketTypeId, quantity] of held) {
    await trx('ticket_types')
      .where({ id: ticketTypeId })
      .decrement('quantity_sold', quantity);
  }
}
