import { Knex } from 'knex';

export class PaymentService {
  constructor(private readonly db: Knex) {}

  async pay(tenantId: string, orderId: string, amountCents: number, idempotencyKey: string) {
    const previous = await this.db('payments')
      .where({ tenant_id: tenantId, idempotency_key: idempotencyKey })
      .first();
    if (previous) return previous;

    return this.db.transaction(async (trx) => {
      const [payment] = await trx('payments')
        .insert({ tenant_id: tenantId, order_id: orderId, amount_cents: amountCents, idempotency_key: idempotencyKey })
        .returning('*');
      await trx('orders').where({ tenant_id: tenantId, id: orderId }).update({ status: 'paid' });
      return payment;
    });
  }
}
