import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { Logger } from 'pino';

let installed = false;

/** Sends the Temporal SDK's own logs (worker, workflows, activities) into the app's logger. */
export function routeTemporalLogs(logger: Logger, level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'INFO'): void {
  if (installed) return;
  installed = true;
  const temporalLogger = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      const meta = { ...entry.meta };
      switch (entry.level) {
        case 'ERROR':
          return temporalLogger.error(meta, entry.message);
        case 'WARN':
          return temporalLogger.warn(meta, entry.message);
        case 'INFO':
          return temporalLogger.info(meta, entry.message);
        default:
          return temporalLogger.debug(meta, entry.message);
      }
    }),
  });
}
