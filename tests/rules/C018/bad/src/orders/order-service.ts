import type { Channel } from 'amqplib';
import type { Queue } from 'bullmq';
import { Kafka } from 'kafkajs';
import { Knex } from 'knex';
import knex from '../db';

const producer = new Kafka({ clientId: 'orders', brokers: ['kafka:9092'] }).producer();

// Committed, then published: a crash or a broker error in between and the
// order is paid but nobody hears of it.
export async function markPaid(orderId: string, paymentId: string) {
  await knex.transaction(async (trx) => {
    await trx('orders').where({ id: orderId }).update({ status: 'paid' });
    await trx('payments').where({ id: paymentId }).update({ status: 'captured' });
  });
  await producer.send({
    topic: 'orders',
    messages: [{ key: orderId, value: JSON.stringify({ type: 'order.paid', orderId }) }],
  });
}

export class FulfilmentService {
  constructor(
    private readonly db: Knex,
    private readonly channel: Channel,
    private readonly queue: Queue,
  ) {}

  // Published before the commit: consumers may act on an order that then rolls back.
  async cancel(orderId: string) {
    await this.db.transaction(async (trx) => {
      await trx('orders').where({ id: orderId }).update({ status: 'cancelled' });
      this.channel.publish('orders', 'order.cancelled', Buffer.from(JSON.stringify({ orderId })));
      await trx('tickets').where({ order_id: orderId }).update({ status: 'available', order_id: null });
    });
  }

  async ship(orderId: string) {
    await this.db.transaction(async (trx) => {
      await trx('orders').where({ id: orderId }).update({ status: 'fulfilled' });
    });
    await this.queue.add('send-tickets', { orderId });
  }
}
