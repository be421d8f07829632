import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('royalty_splits', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // OK: royalty history is financial: RESTRICT, not CASCADE.
    t.uuid('event_id').notNullable().references('id').inTable('events').onDelete('RESTRICT');
    t.uuid('recipient_id').notNullable();
    t.text('role').notNullable();
    t.decimal('percentage', 5, 2).notNullable();
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    // Also the event_id index.
    t.unique(['event_id', 'recipient_id']);
    t.index(['tenant_id']);
    t.index(['recipient_id']);
  });

  // FLAW M001: a foreign key without ON DELETE (NO ACTION by default): what
  // happens to splits when a recipient is deleted was never decided.
  await knex.raw(`ALTER TABLE royalty_splits ADD CONSTRAINT royalty_splits_recipient_id_foreign
    FOREIGN KEY (recipient_id) REFERENCES users (id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('royalty_splits');
}
