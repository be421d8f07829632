import knex from '../db';

// The key is claimed first, in the transaction: a concurrent retry waits on
// the key's unique index, then finds it taken and replays the response.
export async function purchaseTicket(tenantId: string, eventId: string, userId: string, idempotencyKey: string) {
  return knex.transaction(async (trx) => {
    const claimed = await trx('idempotency_keys')
      .insert({ tenant_id: tenantId, key: idempotencyKey })
      .onConflict(['tenant_id', 'key'])
      .ignore()
      .returning('key');
    if (claimed.length === 0) {
      const existing = await trx('idempotency_keys').where({ tenant_id: tenantId, key: idempotencyKey }).first();
      return existing.response;
    }
    const inventory = await trx('inventory').where({ event_id: eventId }).forUpdate().first();
    if (inventory.available < 1) throw new Error('sold out');
    await trx('inventory').where({ event_id: eventId }).decrement('available', 1);
    const [ticket] = await trx('tickets').insert({ event_id: eventId, owner_id: userId }).returning('*');
    await trx('idempotency_keys')
      .where({ tenant_id: tenantId, key: idempotencyKey })
      .update({ response: { ticketId: ticket.id } });
    return { ticketId: ticket.id };
  });
}

// A status endpoint: it reads the key and does no work.
export async function purchaseStatus(tenantId: string, idempotencyKey: string) {
  const row = await knex('idempotency_keys').where({ tenant_id: tenantId, key: idempotencyKey }).first();
  return row?.response ?? null;
}
