import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../apps/worker/review-worker.js';
import { testConfig } from '../support/test-env.js';

// Every history recorded from a real run (test/replay/histories/<when>/) must replay against
// today's workflow code: a change that would break a running cycle fails here.

const HISTORIES_DIR = fileURLToPath(new URL('../../../test/replay/histories/', import.meta.url));

async function recordedHistories(): Promise<string[]> {
  const entries = await readdir(HISTORIES_DIR, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name)).sort();
}

describe('recorded workflow histories', async () => {
  const files = await recordedHistories();
  const bundlePath = testConfig().worker.workflowBundlePath;
  const workflowCode = bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH };

  it('include the review, unit and cycle workflows', () => {
    const names = files.map((f) => relative(HISTORIES_DIR, f));
    for (const kind of ['review_', 'unit_', 'cycle_']) assert.ok(names.some((n) => n.includes(`/${kind}`)), `no ${kind} history among ${names.join(', ')}`);
  });

  for (const file of files) {
    it(`replays ${relative(HISTORIES_DIR, file)}`, async () => {
      const { workflowId, history } = JSON.parse(await readFile(file, 'utf8'));
      await Worker.runReplayHistory(workflowCode, historyFromJSON(history), workflowId);
    });
  }
});
