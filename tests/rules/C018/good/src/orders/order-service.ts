import { Knex } from 'knex';
import knex from '../db';

// Guide 1.7: the event is a row of the same transaction; the relay publishes it.
export async function markPaid(orderId: string, paymentId: string) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id: orderId }).update({ status: 'paid' });
    await trx('payments').where({ id: paymentId }).update({ status: 'captured' });
    await trx('outbox').insert({
      aggregate_type: 'order',
      aggregate_id: orderId,
      event_type: 'order.paid',
      payload: { orderId },
    });
  });
}

export class FulfilmentService {
  constructor(private readonly db: Knex) {}

  async cancel(orderId: string) {
    await this.db.transaction(async (trx) => {
      await trx('orders').where({ id: orderId }).update({ status: 'cancelled' });
      await trx('tickets').where({ order_id: orderId }).update({ status: 'available', order_id: null });
      await trx('outbox').insert({
        aggregate_type: 'order',
        aggregate_id: orderId,
        event_type: 'order.cancelled',
        payload: { orderId },
      });
    });
  }
}
