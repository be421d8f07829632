import { Knex } from 'knex';
import knex from './db';

// The guide's createOrder: handed the caller's transaction, it inserts on
// the pool instead, so the order survives the caller's rollback.
export async function createOrder(data: { tenantId: string; total: number }, trx: Knex.Transaction) {
  const [order] = await knex('orders')
    .insert({ tenant_id: data.tenantId, total_cents: data.total })
    .returning('*');
  await trx('order_events').insert({ order_id: order.id, kind: 'created' });
  return order;
}
