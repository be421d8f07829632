import { Knex } from 'knex';
import knex from '../db';

const PAGE_SIZE = 50;
const ACTIVE = 'on_sale';

enum TicketStatus {
  Sold = 'sold',
  Used = 'used',
}

const SORTS = {
  name: 'lower(name) ASC',
  newest: 'created_at DESC',
} as const;

// Values go through bindings; the page size and status are constants.
export async function searchEvents(tenantId: string, q: string) {
  const { rows } = await knex.raw(`
    SELECT id, name FROM events
    WHERE tenant_id = ? AND status = '${ACTIVE}' AND name ILIKE ?
    LIMIT ${PAGE_SIZE}
  `, [tenantId, `%${q}%`]);
  return rows;
}

export class UserLookup {
  constructor(private readonly db: Knex) {}

  async byEmail(tenantId: string, email: string) {
    return this.db('users')
      .where({ tenant_id: tenantId })
      .whereRaw('lower(email) = ?', [email.toLowerCase()])
      .first();
  }

  // The ORDER BY comes from an allow-list of literal strings.
  async list(tenantId: string, sort: keyof typeof SORTS) {
    return this.db('users').where({ tenant_id: tenantId }).orderByRaw(`${SORTS[sort]}, id`);
  }

  async newestFirst(tenantId: string) {
    return this.db('users').where({ tenant_id: tenantId }).orderByRaw(`${SORTS.newest}`);
  }

  // An identifier, quoted by Knex.
  async sortedBy(tenantId: string, column: string) {
    return this.db('users').where({ tenant_id: tenantId }).orderByRaw('?? ASC', [column]);
  }

  // Not raw SQL: the template literal is a value Knex binds.
  async byNamePrefix(tenantId: string, prefix: string) {
    return this.db('users').where({ tenant_id: tenantId }).where('display_name', 'ilike', `${prefix}%`);
  }
}

export async function admittedCount(trx: Knex.Transaction, tenantId: string) {
  const result = await trx.raw(
    "SELECT count(*) AS n FROM tickets WHERE tenant_id = ? AND status IN ('" + TicketStatus.Sold + "', '" + TicketStatus.Used + "')",
    [tenantId],
  );
  return Number(result.rows[0].n);
}
