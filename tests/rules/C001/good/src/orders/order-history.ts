import { Knex } from 'knex';

export class OrderHistory {
  constructor(private readonly db: Knex) {}

  async forUser(tenantId: string, userId: string) {
    const orders = await this.db('orders')
      .where({ tenant_id: tenantId, user_id: userId })
      .orderBy('created_at', 'desc');
    const items = await this.db('order_items').whereIn(
      'order_id',
      orders.map((o) => o.id),
    );
    return orders.map((order) => ({
      ...order,
      items: items.filter((i) => i.order_id === order.id),
    }));
  }
}

export async function soldCounts(trx: Knex.Transaction, eventIds: string[]) {
  const rows = await trx('tickets')
    .select('event_id')
    .count<{ event_id: string; n: string }[]>('* as n')
    .whereIn('event_id', eventIds)
    .andWhere({ status: 'sold' })
    .groupBy('event_id');
  return Object.fromEntries(rows.map((r) => [r.event_id, Number(r.n)]));
}

// The loop only builds the rows: one insert after it.
export async function addOrderItems(trx: Knex.Transaction, orderId: string, ticketIds: string[]) {
  const rows = [];
  for (const ticketId of ticketIds) {
    rows.push({ order_id: orderId, ticket_id: ticketId });
  }
  await trx('order_items').insert(rows);
}
