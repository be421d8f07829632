const { SQS } = require('@aws-sdk/client-sqs');
const knex = require('../db').default;

const sqs = new SQS({});

async function processRefund(refundId, paymentId) {
  await knex.transaction(async (trx) => {
    await trx('refunds').where({ id: refundId }).update({ status: 'processed' });
    await trx('payments').where({ id: paymentId }).update({ status: 'refunded' });
  });
  await sqs.sendMessage({ QueueUrl: process.env.REFUNDS_QUEUE_URL, MessageBody: JSON.stringify({ refundId }) });
}

module.exports = { processRefund };
