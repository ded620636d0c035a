import { randomBytes } from 'node:crypto';
import { loadConfig, requireResolved, type ResolvedConfig } from '../../libs/config/app-config.js';

/**
 * The config a test process runs with: the servers the test runner started (passed in the
 * environment), a task queue of its own so test files never pick up each other's work.
 */
export function testConfig(overrides: Record<string, string> = {}): ResolvedConfig {
  return requireResolved(
    loadConfig({
      ...process.env,
      TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
      PORT: '0',
      WORKER_MAX_CACHED_WORKFLOWS: '500',
      ...overrides,
    }),
  );
}

/** A short unique prefix for the ids a test creates. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}
