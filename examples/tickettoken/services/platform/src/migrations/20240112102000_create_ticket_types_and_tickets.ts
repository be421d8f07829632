import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ticket_types', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // OK: ticket types are owned by their event.
    t.uuid('event_id').notNullable().references('id').inTable('events').onDelete('CASCADE');
    t.text('name').notNullable();
    t.bigInteger('price_cents').notNullable();
    t.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      .checkRegex('^[A-Z]{3}$', 'ticket_types_currency_check');
    t.integer('quantity').notNullable().checkBetween([1, 100000], 'ticket_types_quantity_check');
    t.integer('quantity_sold').notNullable().defaultTo(0);
    t.integer('max_per_order').notNullable().defaultTo(8)
      .checkBetween([1, 50], 'ticket_types_max_per_order_check');
    t.timestamp('sale_starts_at');
    t.timestamp('sale_ends_at');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    // OK: money, quantities and the oversell guard are checked (guide 1.5).
    t.check('?? >= 0', ['price_cents'], 'ticket_types_price_cents_check');
    t.check('?? >= 0 AND ?? <= ??', ['quantity_sold', 'quantity_sold', 'quantity'],
      'ticket_types_quantity_sold_check');
    // OK: unique per event; event_id already scopes it to one tenant, and
    // the key serves as the index of the event_id foreign key.
    t.unique(['event_id', 'name']);
    t.index(['tenant_id']);
  });

  await knex.schema.createTable('tickets', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // Schema flaw S006 (see schema.sql): event_id is nullable.
    t.uuid('event_id').references('id').inTable('events').onDelete('RESTRICT');
    t.uuid('ticket_type_id').notNullable().references('id').inTable('ticket_types').onDelete('RESTRICT');
    // OK: owner is optional (unsold tickets have none).
    t.uuid('owner_id').references('id').inTable('users').onDelete('RESTRICT');
    t.text('serial_number').notNullable();
    t.text('section');
    t.text('row');
    t.text('seat_number');
    t.enu('status', ['available', 'reserved', 'sold', 'used', 'cancelled'],
      { useNative: true, enumName: 'ticket_status' })
      .notNullable().defaultTo('available');
    t.bigInteger('face_value_cents').notNullable();
    t.text('mint_address');
    t.timestamp('issued_at').notNullable().defaultTo(knex.fn.now());
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.check('?? >= 0', ['face_value_cents'], 'tickets_face_value_cents_check');
    // OK: one ticket per reserved seat (guide P0.3); general admission
    // tickets have no seat and NULLs never conflict.  Also the event_id index.
    t.unique(['event_id', 'section', 'row', 'seat_number']);
    t.index(['tenant_id', 'status']);
    t.index(['ticket_type_id']);
    t.index(['owner_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tickets');
  await knex.raw('DROP TYPE ticket_status');
  await knex.schema.dropTable('ticket_types');
}
