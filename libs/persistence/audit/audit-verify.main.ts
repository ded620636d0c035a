import { ConfigError, readEnvConfig } from '../../config/app-config.js';
import { createLogger } from '../../logging/logger.js';
import { createDataSource } from '../data-source.js';
import { verifyAuditChain } from './audit-verify.js';

// `npm run audit:verify`: checks the audit trail's hash chain in DATABASE_URL, prints the verdict
// as JSON (as GET /api/v1/audit/verify answers it) and exits 1 when a link is broken. It reads
// only; it never migrates.
const config = readEnvConfig();
if (config.database.url === null) throw new ConfigError('Missing configuration: DATABASE_URL');
const logger = createLogger(config.logLevel, { process: 'audit-verify' });

const db = createDataSource({ url: config.database.url, poolSize: 2, applicationName: 'review-cycles-audit-verify', logger });
await db.initialize();
try {
  const verdict = await verifyAuditChain(db);
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  await db.destroy();
}
