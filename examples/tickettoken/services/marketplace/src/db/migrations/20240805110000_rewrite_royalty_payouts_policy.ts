import { Knex } from 'knex';

// The payout policy was to be rewritten to let the payout worker see pending
// payouts.  Schema flaw S016 (see schema.sql): the old policy is dropped and
// the new one was never created; RLS stays enabled and forced.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP POLICY tenant_isolation ON royalty_payouts');
}

// FLAW M002: down is empty: a rollback does not restore the dropped policy.
export async function down(knex: Knex): Promise<void> {}
