import knex from './db';

// Two pieces of SQL built from the request in one chain: both are reported.
export async function search(term: string, sort: string) {
  return knex('events')
    .whereRaw(`name ILIKE '${term}'`)
    .orderByRaw(`${sort} desc`);
}
