// Free tickets create payments of 0: the check is replaced by a looser one.
exports.up = async function (knex) {
  await knex.raw(`
    ALTER TABLE payments DROP CONSTRAINT payments_amount_cents_check;
    ALTER TABLE payments ADD CONSTRAINT payments_amount_cents_nonnegative CHECK (amount_cents >= 0);
  `);
};

exports.down = async function (knex) {
  await knex.raw(`
    ALTER TABLE payments DROP CONSTRAINT payments_amount_cents_nonnegative;
    ALTER TABLE payments ADD CONSTRAINT payments_amount_cents_check CHECK (amount_cents > 0);
  `);
};
