import { Client, Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from './task-queue.js';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({ address: target.address });
  return new Client({ connection, namespace: target.namespace });
}

const INDEXED_VALUE_TYPES = { Keyword: 2, Text: 1, Int: 3, Double: 4, Bool: 5, Datetime: 6, KeywordList: 7 } as const;

/** Registers the search attributes the workflows set, if the server does not know them yet. */
export async function ensureSearchAttributes(client: Client): Promise<void> {
  const operator = client.connection.operatorService;
  const { customAttributes } = await operator.listSearchAttributes({ namespace: client.options.namespace });
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(customAttributes && name in customAttributes));
  if (missing.length === 0) return;
  await operator.addSearchAttributes({
    namespace: client.options.namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_VALUE_TYPES[type]])),
  });
}
