import { z } from 'zod';

/**
 * The OpenAPI (JSON Schema) form of a request schema, for @ApiBody / @ApiQuery: the document is
 * OpenAPI 3.0, whose schema dialect differs from JSON Schema 2020-12 (boolean exclusiveMinimum,
 * nullable), so the schemas are written for it.
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
  return jsonSchema;
}
