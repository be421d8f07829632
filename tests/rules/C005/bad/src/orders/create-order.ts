import knex from '../db';

interface OrderData {
  id: string;
  user_id: string;
  total_cents: number;
}

// The items go through the pool on another connection: they commit even
// when the order rolls back, and they cannot see the uncommitted order.
export async function createOrder(order: OrderData, items: { ticket_id: string }[]) {
  return knex.transaction(async (trx) => {
    await trx('orders').insert(order);
    await knex('order_items').insert(items.map((i) => ({ ...i, order_id: order.id })));
    return order.id;
  });
}

// The callback never uses its transaction: both statements autocommit.
export async function cancelOrder(orderId: string) {
  await knex.transaction(async () => {
    await knex('orders').where({ id: orderId }).update({ status: 'cancelled' });
    await knex('tickets').where({ order_id: orderId }).update({ status: 'available', order_id: null });
  });
}
