import { Knex } from 'knex';

export class RefundService {
  constructor(private readonly db: Knex) {}

  async approve(refundId: string, paymentId: string): Promise<void> {
    const trx = await this.db.transaction();
    try {
      await trx('refunds').where({ id: refundId }).update({ status: 'approved' });
      await trx('payments').where({ id: paymentId }).update({ status: 'refunded' });
      await trx('outbox').insert({
        aggregate_type: 'refund',
        aggregate_id: refundId,
        event_type: 'refund.approved',
        payload: { refundId, paymentId },
      });
      await trx.commit();
    } catch (err) {
      await trx.rollback(err);
      throw err;
    }
  }
}
