// The index method comes from the environment: dbaudit cannot know which
// index this creates without running the migration.
exports.up = async function (knex) {
  await knex.raw(`CREATE INDEX tenants_name_idx ON tenants USING ${process.env.INDEX_METHOD} (name)`);
};

exports.down = async function (knex) {
  await knex.raw('DROP INDEX tenants_name_idx');
};
