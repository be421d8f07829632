import { Knex } from 'knex';

// The gate scanners read serial numbers in upper case: normalise them, and
// index them for the scan lookup.
export async function up(knex: Knex): Promise<void> {
  // FLAW M003: one UPDATE over every ticket, no WHERE and no batches: it
  // locks the whole table until the migration commits.
  await knex('tickets').update({ serial_number: knex.raw('upper(serial_number)') });

  // Schema flaw S010 (see schema.sql): a plain index, not a unique one.
  await knex.schema.alterTable('tickets', (t) => {
    t.index(['serial_number']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropIndex(['serial_number']);
  });
}
