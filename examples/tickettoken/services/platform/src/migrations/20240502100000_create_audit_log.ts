import { Knex } from 'knex';

// The audit log lives in a schema of its own; the payments service attaches
// audit.log_change() to payments and refunds.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createSchema('audit');

  await knex.schema.withSchema('audit').createTable('audit_log', (t) => {
    t.specificType('id', 'bigint GENERATED ALWAYS AS IDENTITY').primary();
    // OK: history is never deleted with its tenant or actor (RESTRICT, SET NULL).
    t.uuid('tenant_id').notNullable().references('id').inTable('public.tenants').onDelete('RESTRICT');
    t.uuid('actor_id').references('id').inTable('public.users').onDelete('SET NULL');
    t.text('entity_type').notNullable();
    t.uuid('entity_id').notNullable();
    t.text('action').notNullable().checkIn(['insert', 'update', 'delete'], 'audit_log_action_check');
    t.jsonb('old_data');
    t.jsonb('new_data');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id', 'created_at']);
    t.index(['actor_id']);
    t.index(['entity_type', 'entity_id']);
  });

  await knex.raw(`
    CREATE FUNCTION audit.log_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        old_row jsonb;
        new_row jsonb;
        cur     jsonb;
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            old_row := to_jsonb(OLD);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            new_row := to_jsonb(NEW);
        END IF;
        cur := coalesce(new_row, old_row);
        INSERT INTO audit.audit_log (tenant_id, actor_id, entity_type, entity_id, action, old_data, new_data)
        VALUES ((cur ->> 'tenant_id')::uuid,
                nullif(current_setting('app.current_user_id', true), '')::uuid,
                TG_TABLE_NAME, (cur ->> 'id')::uuid, lower(TG_OP), old_row, new_row);
        RETURN NULL;
    END
    $$
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION audit.log_change()');
  await knex.schema.withSchema('audit').dropTable('audit_log');
  await knex.schema.dropSchema('audit');
}
