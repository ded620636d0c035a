import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets in known places are never written. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'review-cycles', ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'req.headers.authorization', 'headers.authorization', 'accessToken', '*.accessToken', 'people[*].password'],
      censor: '[redacted]',
    },
  });
}
