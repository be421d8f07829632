import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Knex } from 'knex';
import knex from '../db';

// The tenant is bound to one transaction: is_local = true ends with it.
export function withTenant<T>(tenantId: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw("SELECT set_config('app.current_tenant_id', ?, true)", [tenantId]);
    return work(trx);
  });
}

export default async function tenantPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('tenantId', '');
  app.addHook('onRequest', async (request: FastifyRequest & { tenantId?: string }) => {
    request.tenantId = request.headers['x-tenant-id'] as string;
  });
}

// SET LOCAL inside the manual transaction.
export async function tenantTransaction(tenantId: string): Promise<Knex.Transaction> {
  const trx = await knex.transaction();
  await trx.raw(`SET LOCAL app.current_tenant_id = '${tenantId.replace(/[^0-9a-f-]/gi, '')}'`);
  return trx;
}

// Reading the setting is not setting it; a statement timeout is not a tenant.
export async function currentTenant(): Promise<string | null> {
  await knex.raw('SET statement_timeout = 30000');
  const { rows } = await knex.raw("SELECT current_setting('app.current_tenant_id', true) AS tenant");
  return rows[0].tenant;
}
