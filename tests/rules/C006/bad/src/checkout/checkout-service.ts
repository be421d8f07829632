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

  // Every await below holds the transaction, its row locks and its
  // connection for as long as the provider takes to answer.
  async checkout(orderId: string, paymentMethodId: string, email: string) {
    return this.db.transaction(async (trx) => {
      const order = await trx('orders').where({ id: orderId }).forUpdate().first();
      const intent = await this.stripe.paymentIntents.create({
        amount: order.total_cents,
        currency: 'usd',
        payment_method: paymentMethodId,
        confirm: true,
      });
      await trx('orders').where({ id: orderId }).update({ status: 'paid', payment_intent_id: intent.id });
      await axios.post('https://fraud.internal/v1/score', { orderId, amount: order.total_cents });
      await this.mailer.send(email, 'order-confirmed', { orderId });
      return intent.id;
    });
  }
}
