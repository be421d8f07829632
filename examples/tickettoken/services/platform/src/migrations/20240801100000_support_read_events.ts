import { Knex } from 'knex';

// The support dashboard reads the events of every tenant.  Schema flaw S018
// (see schema.sql): permissive policies are OR-ed, so USING (true) opens
// every tenant's events to tt_support.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('GRANT SELECT ON events TO tt_support');
  await knex.raw('CREATE POLICY support_read ON events FOR SELECT TO tt_support USING (true)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP POLICY support_read ON events');
  await knex.raw('REVOKE SELECT ON events FROM tt_support');
}
