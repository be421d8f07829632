import knex from '../db';

// Atomic: the database computes the new value (guide 1.6, strategy 1).
export async function reserve(eventId: string, qty: number): Promise<void> {
  const n = await knex('inventory')
    .where({ event_id: eventId })
    .andWhere('available', '>=', qty)
    .decrement('available', qty);
  if (n === 0) throw new Error('sold out');
}

export async function release(eventId: string, qty: number): Promise<void> {
  await knex('inventory')
    .where('event_id', eventId)
    .update({ available: knex.raw('available + ?', [qty]) });
}

// Locked read, then a write computed from it (guide 1.6, strategy 2).
export async function reserveLocked(eventId: string, qty: number): Promise<number> {
  return knex.transaction(async (trx) => {
    const inv = await trx('inventory').where({ event_id: eventId }).forUpdate().first();
    if (!inv || inv.available < qty) throw new Error('sold out');
    await trx('inventory').where({ event_id: eventId }).update({ available: inv.available - qty });
    return inv.available - qty;
  });
}

// The lock taken in SQL.
export async function releaseLocked(eventId: string, qty: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const { rows } = await trx.raw('SELECT available FROM inventory WHERE event_id = ? FOR UPDATE', [eventId]);
    await trx('inventory').where({ event_id: eventId }).update({ available: rows[0].available + qty });
  });
}
