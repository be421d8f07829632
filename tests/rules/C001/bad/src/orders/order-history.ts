import { Knex } from 'knex';

export class OrderHistory {
  constructor(private readonly db: Knex) {}

  async forUser(tenantId: string, userId: string) {
    const orders = await this.db('orders')
      .where({ tenant_id: tenantId, user_id: userId })
      .orderBy('created_at', 'desc');

    // Promise.all does not batch: one query per order, all at once.
    return await Promise.all(
      orders.map(async (order) => {
        const orderId = order.id;
        const items = await this.db('order_items').where('order_id', orderId);
        return { ...order, items };
      }),
    );
  }
}

export async function soldCounts(trx: Knex.Transaction, eventIds: string[]) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < eventIds.length; i++) {
    const [row] = await trx('tickets')
      .where({ event_id: eventIds[i], status: 'sold' })
      .count<{ n: string }[]>('* as n');
    counts[eventIds[i]] = Number(row.n);
  }
  return counts;
}
