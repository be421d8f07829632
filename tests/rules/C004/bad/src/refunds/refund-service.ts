import { Knex } from 'knex';

export class RefundService {
  constructor(private readonly db: Knex) {}

  // Three writes, three separate commits: reported once, at the second.
  async approve(refundId: string, paymentId: string): Promise<void> {
    await this.db('refunds').where({ id: refundId }).update({ status: 'approved' });
    await this.db('payments').where({ id: paymentId }).update({ status: 'refunded' });
    await this.db('outbox').insert({
      aggregate_type: 'refund',
      aggregate_id: refundId,
      event_type: 'refund.approved',
      payload: { refundId, paymentId },
    });
  }
}
