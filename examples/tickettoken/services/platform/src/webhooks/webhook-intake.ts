import type { FastifyInstance } from 'fastify';
import { Knex } from 'knex';

export interface ProviderEvent {
  id: string;
  type: string;
  data: unknown;
}

// Raw webhooks from the payment and minting providers, stored before they
// are matched to a tenant and processed by the workers.
export class WebhookIntake {
  constructor(private readonly db: Knex) {}

  // Returns false for a delivery already stored.
  async receive(provider: string, event: ProviderEvent): Promise<boolean> {
    const seen = await this.db('webhook_events')
      .where({ provider, provider_event_id: event.id })
      .first('id');
    if (seen) return false;
    // FLAW C008: providers deliver at least once and retry on timeouts; two
    // deliveries of one event processed at once both find nothing and both
    // insert: webhook_events has no unique key on (provider, provider_event_id).
    await this.db('webhook_events').insert({
      provider,
      provider_event_id: event.id,
      event_type: event.type,
      payload: event,
    });
    return true;
  }

  // OK: one statement for the whole batch the worker handled.
  async markProcessed(ids: number[]): Promise<void> {
    await this.db('webhook_events').whereIn('id', ids).update({ processed_at: this.db.fn.now() });
  }
}

export async function webhookRoutes(app: FastifyInstance, intake: WebhookIntake): Promise<void> {
  app.post('/webhooks/:provider', async (request, reply) => {
    const { provider } = request.params as { provider: string };
    const fresh = await intake.receive(provider, request.body as ProviderEvent);
    return reply.code(fresh ? 202 : 200).send();
  });
}
