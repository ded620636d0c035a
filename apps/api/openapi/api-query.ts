import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { jsonSchemaOf } from './json-schema.js';

interface ObjectJsonSchema {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** Declares every field of a zod query schema as an OpenAPI query parameter (type, range, default, description). */
export function ApiQueryOf(schema: z.ZodObject): MethodDecorator {
  const json = jsonSchemaOf(schema) as ObjectJsonSchema;
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property, description: property.description as string | undefined }),
    ),
  );
}
