import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Knex } from 'knex';
import db from '../db';

declare module 'fastify' {
  interface FastifyRequest {
    tenantId: string;
  }
}

export class UnknownTenantError extends Error {
  readonly statusCode = 404;
}

// acme.tickettoken.io is the active tenant whose slug is "acme".
async function resolveTenant(request: FastifyRequest): Promise<string> {
  const slug = request.hostname.split('.')[0];
  const tenant = await db('tenants').where({ slug, status: 'active' }).first('id');
  if (!tenant) throw new UnknownTenantError(`unknown tenant ${slug}`);
  return tenant.id;
}

async function tenantContext(app: FastifyInstance): Promise<void> {
  app.decorateRequest('tenantId', '');
  app.addHook('onRequest', async (request) => {
    request.tenantId = await resolveTenant(request);
    // FLAW C014, C013: guide 3.2's "RLS context set at request start".  SET
    // without LOCAL sets the tenant on whichever pooled connection runs it and
    // leaves it there: the request's queries run on other connections, and the
    // next request to borrow this one inherits this tenant.  The value is also
    // pasted into the SQL text.
    await db.raw(`SET app.current_tenant_id = '${request.tenantId}'`);
  });
}

export default fp(tenantContext, { name: 'tenant-context' });

// OK: the tenant bound to one transaction (set_config(..., true) ends with
// it), on the connection that runs every query of `work`.
export function withTenant<T>(tenantId: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw("SELECT set_config('app.current_tenant_id', ?, true)", [tenantId]);
    return work(trx);
  });
}
