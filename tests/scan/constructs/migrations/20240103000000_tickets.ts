import { Knex } from 'knex';

export const up = async (knex: Knex) => {
  if (!(await knex.schema.hasTable('tickets'))) {
    await knex.schema.createTable('tickets', (t) => {
      t.bigIncrements('id');
      t.uuid('tenant_id').notNullable();
      t.integer('concert_id').notNullable();
      t.string('section', 10).notNullable();
      t.string('row', 4).notNullable();
      t.integer('seat_number').notNullable();
      t.string('serial').notNullable();
      t.decimal('price', 10, 2).notNullable();
      t.specificType('price_band', 'char(1)');
      t.specificType('sold_seq', 'bigint GENERATED ALWAYS AS IDENTITY');
      t.specificType('tags', 'text[]');
      t.string('state').notNullable().checkIn(['available', 'sold', 'void']);
      t.foreign(['concert_id']).references(['id']).inTable('concerts').onDelete('CASCADE');
      t.foreign('tenant_id').references('id').inTable('tenants').onDelete('RESTRICT');
      t.unique(['concert_id', 'section', 'row', 'seat_number']);
      t.unique(['tenant_id', 'serial'], { indexName: 'tickets_serial_key' });
      t.check('?? >= 0', ['price'], 'tickets_price_not_negative');
    });
  }
  if (!(await knex.schema.hasColumn('tickets', 'scanned_at'))) {
    await knex.schema.alterTable('tickets', (t) => {
      t.timestamp('scanned_at', { useTz: false });
    });
  }
};

export const down = async (knex: Knex) => {
  await knex.schema.dropTableIfExists('tickets');
};
