import type { Producer } from 'kafkajs';
import { Knex } from 'knex';

const BATCH_SIZE = 100;
const TOPIC = 'tickettoken.domain-events';

// OK: the services write their events to the outbox in the transaction of
// the change (guide 1.7); the relay publishes them.  The scheduler runs one
// relay per tenant at a time; a crash between send and update publishes the
// batch again, and consumers deduplicate on the outbox id.
export class OutboxRelay {
  constructor(
    private readonly db: Knex,
    private readonly producer: Producer,
  ) {}

  async relayTenant(tenantId: string): Promise<number> {
    const rows = await this.db('outbox')
      .where({ tenant_id: tenantId, status: 'pending' })
      .orderBy('id')
      .limit(BATCH_SIZE);
    if (rows.length === 0) return 0;

    await this.producer.send({
      topic: TOPIC,
      messages: rows.map((row) => ({
        key: row.aggregate_id,
        value: JSON.stringify({ id: row.id, type: row.event_type, tenantId: row.tenant_id, payload: row.payload }),
        headers: { 'event-type': row.event_type },
      })),
    });

    await this.db('outbox')
      .where({ tenant_id: tenantId })
      .whereIn(
        'id',
        rows.map((row) => row.id),
      )
      .update({ status: 'published', published_at: this.db.fn.now() });
    return rows.length;
  }
}
