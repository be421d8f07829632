import { Knex } from 'knex';
import { recordChange, recordChangeIn } from '../audit/audit-log';
import { withTenant } from '../tenancy/tenant-context';

export class EventNotFoundError extends Error {
  readonly statusCode = 404;
}

// What organizers change on their events, from the back office.
export class EventAdmin {
  constructor(private readonly db: Knex) {}

  // OK: read under a row lock, changed, and audited in one tenant-bound transaction.
  async reschedule(tenantId: string, actorId: string, eventId: string, startsAt: Date, endsAt: Date) {
    return withTenant(tenantId, async (trx) => {
      const before = await trx('events')
        .where({ tenant_id: tenantId, id: eventId })
        .whereNull('deleted_at')
        .forUpdate()
        .first();
      if (!before) throw new EventNotFoundError(eventId);
      const [after] = await trx('events')
        .where({ tenant_id: tenantId, id: eventId })
        .update({ starts_at: startsAt, ends_at: endsAt })
        .returning('*');
      await recordChangeIn(trx, {
        tenantId,
        actorId,
        entityType: 'events',
        entityId: eventId,
        action: 'update',
        oldData: before,
        newData: after,
      });
      return after;
    });
  }

  // OK: the status guard is in the UPDATE itself (compare-and-set).
  async cancel(tenantId: string, actorId: string, eventId: string) {
    const [event] = await this.db('events')
      .where({ tenant_id: tenantId, id: eventId, status: 'on_sale' })
      .whereNull('deleted_at')
      .update({ status: 'cancelled' })
      .returning('*');
    if (!event) throw new EventNotFoundError(eventId);
    recordChange(this.db, { tenantId, actorId, entityType: 'events', entityId: eventId, action: 'update', newData: event });
    return event;
  }
}
