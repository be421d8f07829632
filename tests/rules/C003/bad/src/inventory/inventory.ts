import knex from '../db';

// The guide's 2.2 example: two buyers both read available = 1, both write 0.
export async function reserve(eventId: string, qty: number): Promise<void> {
  const inv = await knex('inventory').where({ event_id: eventId }).first();
  if (!inv || inv.available < qty) {
    throw new Error('sold out');
  }
  await knex('inventory')
    .where({ event_id: eventId })
    .update({ available: inv.available - qty });
}

// Through a local variable, still computed from the row that was read.
export async function release(eventId: string, qty: number): Promise<number> {
  const row = await knex('inventory').where('event_id', eventId).first('available');
  const remaining = row.available + qty;
  await knex('inventory').where('event_id', eventId).update({ available: remaining });
  return remaining;
}
