// A data migration with no down at all.
exports.up = async function (knex) {
  await knex.raw('UPDATE venues SET capacity = 0 WHERE capacity IS NULL');
};
