import { pino, type DestinationStream, type Logger } from 'pino';
import { errorWithoutParameters } from './error-serializer.js';

export type { Logger };

/** Where secrets sit in what the code logs: credentials, tokens, cookies, password hashes. */
const SECRET_PATHS = [
  'password',
  '*.password',
  'people[*].password',
  'passwordHash',
  '*.passwordHash',
  'password_hash',
  '*.password_hash',
  'accessToken',
  '*.accessToken',
  'csrfToken',
  '*.csrfToken',
  'token',
  '*.token',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'parameters',
  '*.parameters',
];

/** Structured JSON logs; secrets in known places, and the values of failed queries, are never written. */
export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'review-cycles', ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: errorWithoutParameters, error: errorWithoutParameters },
    redact: { paths: SECRET_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
