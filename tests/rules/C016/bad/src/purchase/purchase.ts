import knex from '../db';

// Guide 3.3's purchaseTicket: two retries of one request both find no key,
// both run the purchase; the second key insert fails with 23505 only after
// its own tickets were taken, and the client sees a 500.
export async function purchaseTicket(tenantId: string, eventId: string, userId: string, idempotencyKey: string) {
  const existing = await knex('idempotency_keys').where({ tenant_id: tenantId, key: idempotencyKey }).first();
  if (existing) return existing.response;

  return knex.transaction(async (trx) => {
    const inventory = await trx('inventory').where({ event_id: eventId }).forUpdate().first();
    if (inventory.available < 1) throw new Error('sold out');
    await trx('inventory').where({ event_id: eventId }).decrement('available', 1);
    const [ticket] = await trx('tickets').insert({ event_id: eventId, owner_id: userId }).returning('*');
    await trx('idempotency_keys').insert({
      tenant_id: tenantId,
      key: idempotencyKey,
      response: { ticketId: ticket.id },
    });
    return { ticketId: ticket.id };
  });
}
