import { ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { jsonSchemaOf } from './json-schema.js';

/**
 * The success answers' schemas, by component name: every operation's JSON answer is a named
 * component of the document, so the web app's generated types read `components['schemas']['Review']`.
 * Filled as the controllers are decorated; buildOpenApiDocument adds them to the document.
 */
export const ANSWER_COMPONENTS = new Map<string, Record<string, unknown>>();

/** Declares the JSON a route answers with (200 unless given), by the zod schema its TypeScript type is inferred from. */
export function ApiAnswer(name: string, schema: z.ZodType, options: { status?: number; description?: string } = {}): MethodDecorator {
  const component = jsonSchemaOf(schema, 'answer');
  const known = ANSWER_COMPONENTS.get(name);
  if (known && JSON.stringify(known) !== JSON.stringify(component)) throw new Error(`Two different answers are named ${name} in the OpenAPI document`);
  ANSWER_COMPONENTS.set(name, component);
  return ApiResponse({ status: options.status ?? 200, description: options.description ?? 'OK', schema: { $ref: `#/components/schemas/${name}` } });
}
