import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalStack } from '../apps/dev/local-stack.js';
import { writeWorkflowBundle } from '../apps/worker/bundle-workflows.js';
import { readEnvConfig } from '../libs/config/app-config.js';
import { createLogger } from '../libs/logging/logger.js';
import { openDatabase } from '../libs/persistence/data-source.js';

// `npm test`: one Temporal dev server and one PostgreSQL for the whole run (embedded, unless
// TEMPORAL_ADDRESS / DATABASE_URL name real ones), migrated once, the workflow code bundled
// once; then every compiled test file under node:test. `npm test -- unit e2e` runs only the
// files whose path contains one of the words.

// `node dist/test/run.js --exec <script.js>` runs one script on the same servers instead (used to
// record the replay histories).

const TEST_ROOT = fileURLToPath(new URL('.', import.meta.url));
const execScript = process.argv[2] === '--exec' ? process.argv[3] : undefined;
const filters = execScript ? [] : process.argv.slice(2);

const files = execScript ? [] : (await testFiles(TEST_ROOT)).filter((f) => filters.length === 0 || filters.some((w) => relative(TEST_ROOT, f).includes(w)));
const needsServers = execScript !== undefined || files.some((f) => !relative(TEST_ROOT, f).startsWith('unit'));

const scratch = await mkdtemp(join(tmpdir(), 'review-cycles-test-'));
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', { process: 'test-runner' });
let stopStack = async () => undefined as void;
const env: Record<string, string> = { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' };

try {
  if (needsServers) {
    const started = Date.now();
    const config = readEnvConfig();
    const stack = await startLocalStack(
      { ...config, embedded: { ...config.embedded, dataDir: scratch, temporalPort: 0, postgresPort: 0 } },
      logger,
      { persistent: false, ui: false },
    );
    stopStack = stack.stop;
    const db = await openDatabase({ url: stack.config.database.url }); // migrate once, before the files run
    await db.destroy();
    const bundle = join(scratch, 'workflow-bundle.js');
    await writeWorkflowBundle(bundle);
    Object.assign(env, {
      DATABASE_URL: stack.config.database.url,
      TEMPORAL_ADDRESS: stack.config.temporal.address,
      JWT_SECRET: stack.config.auth.jwtSecret,
      ADMIN_USERNAME: 'test-admin',
      ADMIN_PASSWORD: 'test-admin-password',
      WORKFLOW_BUNDLE_PATH: bundle,
      PASSWORD_HASH_COST: '12',
    });
    process.stdout.write(`test servers ready in ${Date.now() - started} ms: Temporal ${stack.config.temporal.address}\n`);
  }
  process.exitCode = execScript ? await runNode([execScript, ...process.argv.slice(4)], env) : await runNodeTest(files, env);
} finally {
  await stopStack();
  await rm(scratch, { recursive: true, force: true });
}

function runNodeTest(testFiles: string[], extraEnv: Record<string, string>): Promise<number> {
  const concurrency = process.env.TEST_CONCURRENCY ?? '3';
  // --test-force-exit: a file whose tests and hooks are done exits even if something still holds
  // its event loop (a worker whose stop failed keeps native handles open): reported, never hung.
  return runNode(['--test', `--test-concurrency=${concurrency}`, '--test-force-exit', '--test-reporter=spec', '--enable-source-maps', ...testFiles], extraEnv);
}

function runNode(args: string[], extraEnv: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
