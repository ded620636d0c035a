import { writeFile } from 'node:fs/promises';
import { offlineOpenApiDocument } from './offline-document.js';
import { WEB_API_TYPES_FILE, webApiTypes } from './web-api-types.js';

// `npm run api:types`: the OpenAPI document, built without a running stack, turned into the web
// app's types. A test fails while the committed file differs from what the served document gives.
await writeFile(WEB_API_TYPES_FILE, await webApiTypes(await offlineOpenApiDocument()));
process.stdout.write(`wrote ${WEB_API_TYPES_FILE}\n`);
