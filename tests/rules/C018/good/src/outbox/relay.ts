import type { Producer } from 'kafkajs';
import { Knex } from 'knex';

interface EventBus {
  publish(topic: string, payload: object): Promise<void>;
}

// The relay publishes what the outbox holds, then marks it published: a
// crash in between publishes again (at least once, consumers deduplicate on id).
export class OutboxRelay {
  constructor(
    private readonly db: Knex,
    private readonly producer: Producer,
  ) {}

  async relay(): Promise<number> {
    const rows = await this.db('outbox').where({ status: 'pending' }).orderBy('id').limit(100);
    if (rows.length === 0) return 0;
    await this.producer.send({
      topic: 'tickettoken.events',
      messages: rows.map((r) => ({ key: String(r.id), value: JSON.stringify(r.payload) })),
    });
    await this.db('outbox')
      .whereIn(
        'id',
        rows.map((r) => r.id),
      )
      .update({ status: 'published', published_at: this.db.fn.now() });
    return rows.length;
  }
}

// No write at all: a heartbeat.
export async function heartbeat(eventBus: EventBus, db: Knex): Promise<void> {
  const { rows } = await db.raw('SELECT now() AS at');
  await eventBus.publish('heartbeat', { at: rows[0].at });
}
