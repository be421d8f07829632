import { Knex } from 'knex';

export class PaymentService {
  constructor(private readonly db: Knex) {}

  // The early lookup only saves work: the insert's unique violation is the
  // real guard, and it is handled.
  async pay(tenantId: string, orderId: string, amountCents: number, idempotencyKey: string) {
    const previous = await this.db('payments')
      .where({ tenant_id: tenantId, idempotency_key: idempotencyKey })
      .first();
    if (previous) return previous;

    try {
      return await this.db.transaction(async (trx) => {
        const [payment] = await trx('payments')
          .insert({ tenant_id: tenantId, order_id: orderId, amount_cents: amountCents, idempotency_key: idempotencyKey })
          .returning('*');
        await trx('orders').where({ tenant_id: tenantId, id: orderId }).update({ status: 'paid' });
        return payment;
      });
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      return this.db('payments').where({ tenant_id: tenantId, idempotency_key: idempotencyKey }).first();
    }
  }
}
