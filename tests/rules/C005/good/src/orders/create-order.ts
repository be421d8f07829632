import { Knex } from 'knex';
import knex from '../db';

interface OrderData {
  id: string;
  user_id: string;
  total_cents: number;
}

export async function createOrder(order: OrderData, items: { ticket_id: string }[]) {
  const orderId = await knex.transaction(async (trx) => {
    await trx('orders').insert(order);
    // A builder of the outer connection, bound to the transaction.
    await knex('order_items')
      .insert(items.map((i) => ({ ...i, order_id: order.id })))
      .transacting(trx);
    await addHistory(trx, order.id, 'created');
    return order.id;
  });
  // After the transaction: the plain connection is right here.
  return knex('orders').where({ id: orderId }).first();
}

async function addHistory(trx: Knex.Transaction, orderId: string, what: string) {
  await trx('order_history').insert({ order_id: orderId, what });
}

export async function cancelOrder(orderId: string) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id: orderId }).update({ status: 'cancelled' });
    // A savepoint: its own transaction object, used for what runs inside it.
    await trx.transaction(async (sp) => {
      await sp('tickets').where({ order_id: orderId }).update({ status: 'available', order_id: null });
    });
  });
}
