import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { findOrInstallSchemathesis, type Schemathesis } from '../support/schemathesis-tool.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG_FILE = join(REPO, 'test/fuzz/schemathesis.toml');

describe('fuzzing against the OpenAPI document (Schemathesis, --checks all)', () => {
  let app: TestApp;
  let st: Schemathesis;
  let scratch: string;
  const tokens: Record<'admin' | 'member', string> = { admin: '', member: '' };

  before(async () => {
    st = await findOrInstallSchemathesis(resolve(REPO, process.env.TOOLS_DIR ?? '.tools'), (msg) => process.stdout.write(`${msg}\n`));
    scratch = await mkdtemp(join(tmpdir(), 'schemathesis-'));
    // Its own app (own task queue) and its own subtree: the "admin" persona is an administrator of
    // that subtree only, so random imports and cycles can never touch another test's data or the
    // bootstrap administrator.
    app = await startTestApp();
    const org = buildOrg(uniquePrefix('fz'), {
      id: 'F',
      kind: 'province',
      people: [
        ['admin', 'secretary'],
        ['member', 'member'],
      ],
    });
    org.payload.people[0]!.roles = [{ role: 'admin', unitId: org.rootId }];
    const imported = await app.admin.post('/org/import', org.payload);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    tokens.admin = (await app.http.login(org.id('admin'), TEST_PASSWORD)).token!;
    tokens.member = (await app.http.login(org.id('member'), TEST_PASSWORD)).token!;
  });
  after(async () => {
    await app?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  for (const persona of ['admin', 'member'] as const) {
    it(`finds no failure as ${persona === 'admin' ? 'an administrator of its own subtree' : 'a member'}`, async () => {
      const report = join(scratch, `${persona}.json`);
      const started = Date.now();
      const result = await st.run(
        [
          ...(process.env.SCHEMATHESIS_NO_CONFIG ? [] : ['--config-file', CONFIG_FILE]),
          'run',
          `${app.product.api.url}/docs-json`,
          '--url',
          app.product.api.url,
          '--checks',
          'all',
          '--header',
          `Authorization: Bearer ${tokens[persona]}`,
          '--max-examples',
          process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '5',
          '--request-timeout',
          '10',
          // One worker: Python 3.11's ast module is not thread-safe ("AST constructor recursion depth mismatch").
          '--workers',
          '1',
          '--seed',
          '20250101',
          '--report',
          'json',
          '--report-json-path',
          report,
        ],
        // Bounded, but with room for a loaded machine: the whole suite runs three files at a time on two
        // cores, and the coverage phase alone took 230 s of a persona's run when other jobs shared them.
        { cwd: scratch, timeoutMs: 540_000 },
      );
      await writeFile(join(REPO, 'dist', `schemathesis-${persona}.log`), result.output);
      process.stdout.write(`schemathesis as ${persona}: exit ${result.code} in ${Date.now() - started} ms\n${result.output.split('\n').slice(-40).join('\n')}\n`);
      assert.equal(result.code, 0, result.output);
    });
  }
});
