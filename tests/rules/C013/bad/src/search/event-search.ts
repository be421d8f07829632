import { Knex } from 'knex';
import knex from '../db';

export async function searchEvents(tenantId: string, q: string) {
  const { rows } = await knex.raw(`
    SELECT id, name FROM events
    WHERE tenant_id = ? AND name ILIKE '%${q}%'
  `, [tenantId]);
  return rows;
}

export class UserLookup {
  constructor(private readonly db: Knex) {}

  async byEmail(tenantId: string, email: string) {
    return this.db('users')
      .where({ tenant_id: tenantId })
      .whereRaw(`lower(email) = '${email.toLowerCase()}'`)
      .first();
  }

  // ?sort=name&dir=asc straight from the query string
  async list(tenantId: string, sort: string, dir: string) {
    return this.db('users').where({ tenant_id: tenantId }).orderByRaw(sort + ' ' + dir);
  }
}

export async function ticketCount(trx: Knex.Transaction, tenantId: string, status: string) {
  const result = await trx.raw(
    "SELECT count(*) AS n FROM tickets WHERE tenant_id = '" + tenantId + "' AND status = '" + status + "'",
  );
  return Number(result.rows[0].n);
}
