import { Knex } from 'knex';

const TABLE = 'venues';

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(TABLE))) {
    await knex.schema.createTable(TABLE, (table) => {
      table.uuid('id').primary();
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');
      table.string('name').notNullable();
    });
  }
  for (const column of ['city', 'country']) {
    await knex.schema.alterTable(TABLE, (table) => {
      table.string(column);
    });
  }
  await knex.raw(`CREATE INDEX ${TABLE}_name_idx ON ${TABLE} (name)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}
