import { Knex } from 'knex';
import knex from '../db';

interface Payment {
  id: string;
  order_id: string;
  amount_cents: number;
}

export async function completePurchase(payment: Payment, ticketId: string, userId: string) {
  await knex.transaction(async (trx) => {
    await trx('payments').insert(payment);
    await trx('tickets').update({ owner_id: userId, status: 'sold' }).where({ id: ticketId });
  });
}

// The caller's transaction, passed in.
export async function recordPayment(trx: Knex.Transaction, payment: Payment, ticketId: string) {
  await trx('payments').insert(payment);
  await trx('tickets').where({ id: ticketId }).update({ status: 'sold' });
}

// One write on the plain connection, and reads: nothing to keep together.
export async function touchOrder(orderId: string) {
  const order = await knex('orders').where({ id: orderId }).first();
  const items = await knex('order_items').where({ order_id: orderId });
  await knex('orders').where({ id: orderId }).update({ updated_at: knex.fn.now() });
  return { ...order, items };
}
