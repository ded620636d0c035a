import type { components, operations } from './api-schema';

/**
 * An answer of the API by its schema's name in the OpenAPI document. The types are generated from
 * the served document (`npm run api:types`), so the build fails when the app and the API disagree.
 */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** One item of a list answer (`{ items, nextCursor }`). */
export type ApiItem<Name extends keyof components['schemas']> = components['schemas'][Name] extends { items: (infer Item)[] } ? Item : never;

/** The JSON body an operation takes, by its operationId in the document (`Controller_method`). */
export type ApiBody<Operation extends keyof operations> = operations[Operation] extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;
