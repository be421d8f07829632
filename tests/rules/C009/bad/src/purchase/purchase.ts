import knex from '../db';

// READ COMMITTED and no lock: two buyers both see the last tickets left.
export async function purchaseTickets(ticketTypeId: string, userId: string, quantity: number) {
  return knex.transaction(async (trx) => {
    const type = await trx('ticket_types').where({ id: ticketTypeId }).first();
    if (type.quantity_sold + quantity > type.quantity) {
      throw new Error('sold out');
    }
    await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
    const tickets = await trx('tickets')
      .where({ ticket_type_id: ticketTypeId, status: 'available' })
      .limit(quantity);
    await trx('tickets')
      .whereIn('id', tickets.map((t) => t.id))
      .update({ status: 'sold', owner_id: userId });
    return tickets;
  });
}
