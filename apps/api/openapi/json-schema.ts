import { z } from 'zod';
import { SECRET_KEYS, WELL_FORMED_TEXT_PATTERN } from '../http/well-formed-text.js';

/**
 * The OpenAPI (JSON Schema) form of a request schema, for @ApiBody / @ApiQuery, or of an answer
 * (@ApiAnswer): the document is OpenAPI 3.0, whose schema dialect differs from JSON Schema 2020-12
 * (boolean exclusiveMinimum, nullable), so the schemas are written for it. Objects stay open
 * (no additionalProperties) unless the zod schema is strict: an answer may gain fields.
 */
export function jsonSchemaOf(schema: z.ZodType, of: 'request' | 'answer' = 'request'): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
  return of === 'request' ? withWellFormedText(jsonSchema) : jsonSchema;
}

type Node = Record<string, unknown>;

/** Free text also obeys the global rule of WellFormedTextPipe (no U+0000), which zod does not know of. */
function withWellFormedText(node: Node, key?: string): Node {
  if (node.type === 'string' && !('pattern' in node || 'enum' in node || 'format' in node || 'const' in node) && !SECRET_KEYS.has(key ?? '')) {
    node.pattern = WELL_FORMED_TEXT_PATTERN;
  }
  for (const [name, child] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) withWellFormedText(child, name);
  for (const list of ['anyOf', 'oneOf', 'allOf'] as const) for (const child of (node[list] as Node[] | undefined) ?? []) withWellFormedText(child, key);
  if (node.items && typeof node.items === 'object') withWellFormedText(node.items as Node);
  return node;
}
