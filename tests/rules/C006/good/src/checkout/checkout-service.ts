import axios from 'axios';
import Stripe from 'stripe';
import { Knex } from 'knex';

interface Mailer {
  send(to: string, template: string, data: object): Promise<void>;
}

export class CheckoutService {
  constructor(
    private readonly db: Knex,
    private readonly stripe: Stripe,
    private readonly mailer: Mailer,
  ) {}

  // Guide 2.3, "TicketToken pattern": the provider is called before the
  // transaction opens, the e-mail is sent after it commits.
  async checkout(orderId: string, paymentMethodId: string, email: string) {
    const order = await this.db('orders').where({ id: orderId, status: 'pending' }).first();
    await axios.post('https://fraud.internal/v1/score', { orderId, amount: order.total_cents });
    const intent = await this.stripe.paymentIntents.create(
      { amount: order.total_cents, currency: 'usd', payment_method: paymentMethodId, confirm: true },
      { idempotencyKey: `order:${orderId}` },
    );
    await this.db.transaction(async (trx) => {
      const n = await trx('orders')
        .where({ id: orderId, status: 'pending' })
        .update({ status: 'paid', payment_intent_id: intent.id });
      if (n === 0) throw new Error('order is no longer pending');
      await this.recordPayment(trx, orderId, intent.id);
      await trx('outbox').insert({
        aggregate_type: 'order',
        aggregate_id: orderId,
        event_type: 'order.paid',
        payload: { orderId, email },
      });
    });
    await this.mailer.send(email, 'order-confirmed', { orderId });
    return intent.id;
  }

  private async recordPayment(trx: Knex.Transaction, orderId: string, intentId: string) {
    await trx('payments').insert({ order_id: orderId, provider: 'stripe', provider_payment_id: intentId });
  }
}
