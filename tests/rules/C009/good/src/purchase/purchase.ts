import knex from '../db';

// The inventory row is locked before the check (guide 3.3), the tickets are
// taken with SKIP LOCKED.
export async function purchaseTickets(ticketTypeId: string, userId: string, quantity: number) {
  return knex.transaction(async (trx) => {
    const type = await trx('ticket_types').where({ id: ticketTypeId }).forUpdate().first();
    if (type.quantity_sold + quantity > type.quantity) {
      throw new Error('sold out');
    }
    await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
    const tickets = await trx('tickets')
      .where({ ticket_type_id: ticketTypeId, status: 'available' })
      .limit(quantity)
      .forUpdate()
      .skipLocked();
    await trx('tickets')
      .whereIn('id', tickets.map((t) => t.id))
      .update({ status: 'sold', owner_id: userId });
    return tickets;
  });
}

// No read at all: one atomic statement guarded by the CHECK constraint.
export async function purchaseGeneralAdmission(ticketTypeId: string, quantity: number) {
  await knex.transaction(async (trx) => {
    await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
  });
}

// Not a critical flow: an event's description, last writer wins.
export async function appendToDescription(eventId: string, line: string) {
  await knex.transaction(async (trx) => {
    const event = await trx('events').where({ id: eventId }).first();
    await trx('events').where({ id: eventId }).update({ description: `${event.description ?? ''}\n${line}` });
  });
}
