import { Knex } from 'knex';

export class TicketRepository {
  constructor(private readonly db: Knex) {}

  async findById(tenantId: string, id: string) {
    return this.db('tickets').where({ tenant_id: tenantId, id }).first();
  }

  async forEvent(tenantId: string, eventId: string) {
    return this.db('tickets').where('tenant_id', tenantId).andWhere('event_id', eventId).orderBy('id');
  }

  async voidEvent(tenantId: string, eventId: string): Promise<number> {
    return this.db('tickets').where({ event_id: eventId }).andWhere('tickets.tenant_id', tenantId).del();
  }

  // The tenants table is not tenant-scoped; order_items has no tenant_id.
  async tenantBySlug(slug: string) {
    return this.db('tenants').where({ slug }).first();
  }

  async itemsOf(orderId: string) {
    return this.db('order_items').where({ order_id: orderId });
  }

  // Inserts are not filtered reads.
  async issue(tenantId: string, eventId: string, id: string) {
    await this.db('tickets').insert({ id, tenant_id: tenantId, event_id: eventId, status: 'available' });
  }
}
