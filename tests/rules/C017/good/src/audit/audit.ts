import { Knex } from 'knex';
import knex from '../db';

export async function recordView(tenantId: string, userId: string, entityId: string): Promise<void> {
  await knex('audit_log').insert({ tenant_id: tenantId, actor_id: userId, entity_id: entityId, action: 'view' });
}

// Returned: the caller awaits it.
export function recordEdit(trx: Knex.Transaction, tenantId: string, entityId: string) {
  return trx('audit_log').insert({ tenant_id: tenantId, entity_id: entityId, action: 'update' });
}

export class SessionStore {
  constructor(private readonly db: Knex) {}

  async logout(sessionId: string): Promise<void> {
    await this.db('sessions').where({ id: sessionId }).del();
  }

  // Collected, then awaited together.
  async logoutAll(sessionIds: string[]): Promise<void> {
    const pending: Promise<number>[] = [];
    for (const id of sessionIds) {
      pending.push(this.db('sessions').where({ id }).del());
    }
    await Promise.all(pending);
  }

  // A builder kept to be refined, and a subquery: neither is meant to run alone.
  async activeFor(userId: string) {
    const base = this.db('sessions').where({ user_id: userId });
    const recent = await base.clone().where('last_seen_at', '>', new Date(Date.now() - 3600_000));
    const tickets = await this.db('tickets').whereIn('owner_id', this.db('sessions').select('user_id').where({ user_id: userId }));
    return { recent, tickets };
  }
}
