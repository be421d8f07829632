// Free tickets create payments of 0: the check went, nothing replaced it.
exports.up = async function (knex) {
  await knex.raw('ALTER TABLE payments DROP CONSTRAINT payments_amount_cents_check');
};

exports.down = async function (knex) {
  await knex.raw('ALTER TABLE payments ADD CONSTRAINT payments_amount_cents_check CHECK (amount_cents > 0)');
};
