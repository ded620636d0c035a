import { readEnvConfig } from '../../libs/config/app-config.js';
import { createLogger } from '../../libs/logging/logger.js';
import { routeTemporalLogs } from '../../libs/logging/temporal-logger.js';
import { DEMO_PASSWORD, demoCycle, demoProvince } from './demo-province.js';
import { startLocalStack } from './local-stack.js';
import { startProductWithWorkerProcess } from './product.js';

// `npm start`: the whole product on embedded defaults (Temporal dev server and PostgreSQL under
// ./data), or on the servers DATABASE_URL / TEMPORAL_ADDRESS name. `npm start -- --demo` also
// loads a small demo province.
const demo = process.argv.includes('--demo');
const config = readEnvConfig();
const logger = createLogger(config.logLevel, { process: 'review-cycles' });
routeTemporalLogs(logger, 'WARN');

const stack = await startLocalStack(config, logger, { persistent: true, ui: true });
// The worker runs in a process of its own: on two cores the API and the worker do not take turns
// on one event loop (bench (k): +50% target assignments and self-assessments per second).
const product = await startProductWithWorkerProcess(stack.config, logger);
const { url } = product.api;

const lines = [
  '',
  `  Web app      ${url}/   (open this in a browser)`,
  `  API          ${url}/api/v1`,
  `  API docs     ${url}/docs`,
  `  Temporal UI  ${stack.temporalUiUrl ?? `(external Temporal at ${stack.config.temporal.address})`}`,
  `  Admin login  ${stack.config.auth.adminUsername} / ${stack.config.auth.adminPassword}`,
];
if (demo) {
  const cycleId = await loadDemo(url, stack.config.auth.adminUsername, stack.config.auth.adminPassword!);
  lines.push(`  Demo         province 'demo-province' loaded; every demo person logs in with their id and '${DEMO_PASSWORD}'`);
  lines.push(
    cycleId
      ? `               cycle ${cycleId} launched: targets due in a week, self-assessment open now (GET /tasks as each person)`
      : '               its cycle, launched by an earlier start, carries on',
  );
  lines.push(`               e.g. prov-secretary, d1-secretary, d1g1-member1, prov-inspector (auditor), d1-deputy (district admin)`);
}
process.stdout.write(`${lines.join('\n')}\n\n  Stop with Ctrl-C; data is kept under ${config.embedded.dataDir}.\n\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping');
    await product.stop();
    await stack.stop();
    process.exit(0);
  });
}

/** Loads the demo province and launches its cycle through the API itself, as an administrator would. */
async function loadDemo(baseUrl: string, username: string, password: string): Promise<string | null> {
  const login = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const imported = await fetch(`${baseUrl}/api/v1/org/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(demoProvince()),
  });
  if (!imported.ok) throw new Error(`Loading the demo province failed: ${imported.status} ${await imported.text()}`);
  const cycle = await fetch(`${baseUrl}/api/v1/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(demoCycle(new Date())),
  });
  // 409: the demo cycle was launched by an earlier start and carries on from ./data.
  if (!cycle.ok && cycle.status !== 409) throw new Error(`Launching the demo cycle failed: ${cycle.status} ${await cycle.text()}`);
  return cycle.ok ? ((await cycle.json()) as { id: string }).id : null;
}
