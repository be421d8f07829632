import type { FastifyInstance } from 'fastify';
import knex from '../db';

// Guide 3.2 ("RLS context set at request start"): SET without LOCAL sets the
// tenant on whichever pooled connection runs it, and it stays there; the
// request's later queries may run on other connections, and the next
// request to borrow this one inherits the tenant.
export default async function tenantPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const tenantId = request.headers['x-tenant-id'] as string;
    await knex.raw(`SET app.current_tenant_id = '${tenantId}'`);
  });
}
