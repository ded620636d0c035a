import { startProduct, type RunningProduct } from '../../apps/dev/product.js';
import type { ResolvedConfig } from '../../libs/config/app-config.js';
import { createLogger } from '../../libs/logging/logger.js';
import { routeTemporalLogs } from '../../libs/logging/temporal-logger.js';
import { ApiClient } from './api-client.js';
import { testConfig } from './test-env.js';

export interface TestApp {
  product: RunningProduct;
  config: ResolvedConfig;
  http: ApiClient;
  admin: ApiClient;
  stop(): Promise<void>;
}

/** The API and a worker on the shared test servers, on a task queue of their own. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const logger = createLogger(config.logLevel, { process: 'test' });
  routeTemporalLogs(logger, 'WARN');
  const product = await startProduct(config, logger, { host: '127.0.0.1', port: 0 });
  const http = new ApiClient(product.api.url);
  const admin = await http.login(config.auth.adminUsername, config.auth.adminPassword!);
  return { product, config, http, admin, stop: () => product.stop() };
}
