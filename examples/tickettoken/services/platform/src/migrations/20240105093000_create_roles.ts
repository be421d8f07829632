import { Knex } from 'knex';

// Roles are cluster-wide: created only when they do not exist yet.
//   tickettoken_app  owns the tables and is the role the services connect as
//                    (not a superuser, so FORCE ROW LEVEL SECURITY binds it)
//   tt_support       the back-office support dashboard
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tickettoken_app') THEN
        CREATE ROLE tickettoken_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tt_support') THEN
        CREATE ROLE tt_support NOLOGIN;
      END IF;
    END
    $$
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP ROLE IF EXISTS tt_support');
  await knex.raw('DROP ROLE IF EXISTS tickettoken_app');
}
