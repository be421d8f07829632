import knex from '../db';
import { mintTicketNft } from './chain';

// Between the manual transaction's start and its commit.
export async function issueTicket(ticketId: string, wallet: string): Promise<void> {
  const trx = await knex.transaction();
  try {
    await trx('tickets').where({ id: ticketId }).update({ status: 'minting' });
    const mint = await mintTicketNft(ticketId, wallet);
    await fetch(`https://hooks.partner.example/tickets/${ticketId}`, { method: 'POST' });
    await trx('tickets').where({ id: ticketId }).update({ status: 'sold', nft_mint_address: mint.address });
    await trx.commit();
  } catch (err) {
    await trx.rollback(err);
    throw err;
  }
}
