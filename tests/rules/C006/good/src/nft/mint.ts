import knex from '../db';
import { mintTicketNft } from './chain';

// The chain is called after the commit; a second short transaction records the result.
export async function issueTicket(ticketId: string, wallet: string): Promise<void> {
  const trx = await knex.transaction();
  try {
    await trx('tickets').where({ id: ticketId }).update({ status: 'minting' });
    await trx.commit();
  } catch (err) {
    await trx.rollback(err);
    throw err;
  }
  const mint = await mintTicketNft(ticketId, wallet);
  await fetch(`https://hooks.partner.example/tickets/${ticketId}`, { method: 'POST' });
  await knex('tickets').where({ id: ticketId }).update({ status: 'sold', nft_mint_address: mint.address });
}
