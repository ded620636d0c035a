import { pino } from 'pino';

/**
 * pino's error serializer, minus the values a failed query was sent with: TypeORM's
 * QueryFailedError (and the driver's error inside it) carry `parameters`, which may hold a password
 * hash, a token or personal data. The query text stays: it has placeholders, not values.
 */
export function errorWithoutParameters(error: Error): unknown {
  return dropParameters(pino.stdSerializers.err(error), 0);
}

function dropParameters(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((v) => dropParameters(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === 'parameters' ? '[redacted]' : dropParameters(v, depth + 1);
  }
  return out;
}
