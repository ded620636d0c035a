import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';

/** Where the web app's generated API types live (committed; `npm run api:types` writes them). */
export const WEB_API_TYPES_FILE = fileURLToPath(new URL('../../../../apps/web/src/lib/api-schema.d.ts', import.meta.url));

/** The web app's API types, generated from the OpenAPI document by openapi-typescript. */
export async function webApiTypes(document: object): Promise<string> {
  // A copy: openapi-typescript resolves $refs in place.
  return openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], { immutableTypes: false });
}
