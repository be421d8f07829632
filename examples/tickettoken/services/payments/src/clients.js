const Stripe = require('stripe');
const { Kafka } = require('kafkajs');

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });

const kafka = new Kafka({
  clientId: 'payments',
  brokers: (process.env.KAFKA_BROKERS || 'localhost:9092').split(','),
});
const producer = kafka.producer({ idempotent: true });

module.exports = { stripe, producer };
