import { Knex } from 'knex';
import knex from '../db';

// Guide 2.6: a base query that adds the filter.
const active = (table: string) => knex(table).whereNull('deleted_at');

export async function findVenue(tenantId: string, id: string) {
  return knex('venues').where({ tenant_id: tenantId, id }).whereNull('deleted_at').first();
}

export async function listPricePlans(tenantId: string) {
  return knex('price_plans').where({ tenant_id: tenantId, archived_at: null }).orderBy('name');
}

// The archive screen lists only what was archived.
export async function archivedPricePlans(tenantId: string) {
  return knex('price_plans').where({ tenant_id: tenantId }).whereNotNull('archived_at');
}

export async function activeVenues(tenantId: string) {
  return active('venues').where({ tenant_id: tenantId });
}

export class EventRepository {
  constructor(private readonly db: Knex) {}

  async upcoming(tenantId: string) {
    return this.db('events')
      .where({ tenant_id: tenantId, deleted_at: null })
      .andWhere('starts_at', '>', new Date())
      .orderBy('starts_at');
  }

  // tickets has no soft-delete column.
  async ticketsOf(tenantId: string, eventId: string) {
    return this.db('tickets').where({ tenant_id: tenantId, event_id: eventId });
  }

  // Writes are not reads: deleting marks the row.
  async softDelete(tenantId: string, eventId: string) {
    await this.db('events').where({ tenant_id: tenantId, id: eventId }).update({ deleted_at: this.db.fn.now() });
  }
}
