import { Knex } from 'knex';
import knex from '../db';

// A Knex builder runs only when it is awaited (or .then()-ed): this insert
// never reaches the database.
export function recordView(tenantId: string, userId: string, entityId: string): void {
  knex('audit_log').insert({ tenant_id: tenantId, actor_id: userId, entity_id: entityId, action: 'view' });
}

export class SessionStore {
  constructor(private readonly db: Knex) {}

  async logout(sessionId: string): Promise<void> {
    this.db('sessions').where({ id: sessionId }).del();
  }
}
