// A data migration: the old NULLs were valid, so a rollback keeps the zeros.
exports.up = async function (knex) {
  await knex.raw('UPDATE venues SET capacity = 0 WHERE capacity IS NULL');
};

exports.down = async function () {};
