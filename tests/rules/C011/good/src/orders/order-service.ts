import knex from '../db';

export async function cancelOrder(tenantId: string, orderId: string) {
  await knex('orders').where({ tenant_id: tenantId, id: orderId }).update({ status: 'cancelled' });
}

// The tenant is set for this transaction only, and tickets and orders have
// row level security: the policy adds the tenant condition.
export async function myTickets(tenantId: string, userId: string) {
  return knex.transaction(async (trx) => {
    await trx.raw("SELECT set_config('app.current_tenant_id', ?, true)", [tenantId]);
    const orders = await trx('orders').where({ user_id: userId });
    const tickets = await trx('tickets').where({ owner_id: userId });
    return { orders, tickets };
  });
}

export async function pendingEvents(tenantId: string) {
  return knex('outbox').where({ tenant_id: tenantId, status: 'pending' }).orderBy('id');
}
