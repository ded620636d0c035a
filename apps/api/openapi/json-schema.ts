import { z } from 'zod';

/** The OpenAPI (JSON Schema) form of a request schema, for @ApiBody / @ApiQuery. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return jsonSchema;
}
