import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Workflow code must stay deterministic: it may import only the Temporal workflow SDK, pure
// libs/domain code, libs/temporal definitions (not the client connection), its siblings, and
// activity *types*. libs/domain imports nothing outside itself. The compiled test runs from
// dist/test/unit/, so the sources are three levels up.

const WORKFLOWS = fileURLToPath(new URL('../../../workflows/', import.meta.url));
const DOMAIN = fileURLToPath(new URL('../../../libs/domain/', import.meta.url));
const LIBS = resolve(DOMAIN, '..');
const ROOT = resolve(LIBS, '..');
const TEMPORAL = join(LIBS, 'temporal');
const ACTIVITIES = join(LIBS, 'activities');
const TEMPORAL_CONNECTION = join(TEMPORAL, 'temporal-connection.js');

interface ImportSpec {
  spec: string;
  typeOnly: boolean;
}

// `import x from '…'`, `import { a, b } from '…'` (over several lines), `import * as x from '…'`,
// `import '…'`, `export … from '…'`, each optionally `type`; plus dynamic `import('…')` and `require('…')`.
const STATIC = /^[ \t]*(?:import|export)\s+(type\s+)?(?:(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*\s+as\s+[\w$]+|\*|[\w$]+)\s+from\s+)?['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function importsOf(source: string): ImportSpec[] {
  const found: ImportSpec[] = [];
  for (const m of source.matchAll(STATIC)) found.push({ spec: m[2]!, typeOnly: m[1] !== undefined });
  for (const m of source.matchAll(DYNAMIC)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const inside = (path: string, dir: string) => path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** Why a workflow file may not import this, or null when it may. */
function workflowImportProblem(file: string, { spec, typeOnly }: ImportSpec): string | null {
  if (spec === '@temporalio/workflow' || spec === '@temporalio/common') return null;
  if (!spec.startsWith('.')) return `imports '${spec}', which is not deterministic workflow code`;
  const target = resolve(dirname(file), spec);
  if (inside(target, DOMAIN)) return null;
  if (target === TEMPORAL_CONNECTION) return `imports '${spec}', the Temporal client connection`;
  if (inside(target, TEMPORAL)) return null;
  if (inside(target, WORKFLOWS)) return null;
  if (inside(target, ACTIVITIES)) return typeOnly ? null : `imports '${spec}' without 'import type': activities run outside the sandbox`;
  return `imports '${spec}', outside libs/domain, libs/temporal and workflows`;
}

/** Why a libs/domain file may not import this, or null when it may. */
function domainImportProblem(file: string, { spec }: ImportSpec): string | null {
  if (!spec.startsWith('.')) return `imports '${spec}'; libs/domain imports nothing outside itself`;
  return inside(resolve(dirname(file), spec), DOMAIN) ? null : `imports '${spec}', outside libs/domain`;
}

function problemsIn(files: string[], rule: (file: string, spec: ImportSpec) => string | null): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const problem = rule(file, spec);
      if (problem) problems.push(`${relative(ROOT, file)}: ${problem}`);
    }
  }
  return problems;
}

describe('the import scanner', () => {
  it('finds single-line, multi-line, type, side-effect, re-export and dynamic imports', () => {
    const source = [
      "import type { A } from '../libs/activities/index.js';",
      'import {',
      '  b,',
      '  c,',
      "} from '@temporalio/workflow';",
      "import * as fs from 'node:fs';",
      "import pg, { Pool } from 'pg';",
      "import 'reflect-metadata';",
      "export { d } from './sibling.js';",
      "export * from '../libs/domain/errors.js';",
      "const x = await import('typeorm');",
      "export const text = 'not an import from here';",
      "// a comment: import nothing from 'nowhere'",
    ].join('\n');
    assert.deepEqual(importsOf(source), [
      { spec: '../libs/activities/index.js', typeOnly: true },
      { spec: '@temporalio/workflow', typeOnly: false },
      { spec: 'node:fs', typeOnly: false },
      { spec: 'pg', typeOnly: false },
      { spec: 'reflect-metadata', typeOnly: false },
      { spec: './sibling.js', typeOnly: false },
      { spec: '../libs/domain/errors.js', typeOnly: false },
      { spec: 'typeorm', typeOnly: false },
    ]);
  });

  it('flags what workflow code must not import, and allows the rest', () => {
    const file = join(WORKFLOWS, 'example.workflow.ts');
    const verdict = (spec: string, typeOnly = false) => workflowImportProblem(file, { spec, typeOnly });
    for (const allowed of ['@temporalio/workflow', '@temporalio/common', '../libs/domain/score.js', '../libs/temporal/definitions.js', './search-attributes.js']) {
      assert.equal(verdict(allowed), null, allowed);
    }
    assert.equal(verdict('../libs/activities/index.js', true), null);
    for (const refused of ['../libs/activities/index.js', '../libs/temporal/temporal-connection.js', 'node:crypto', 'fs', 'typeorm', 'pg', '@nestjs/common', '@temporalio/client', '../libs/persistence/data-source.js']) {
      assert.notEqual(verdict(refused), null, refused);
    }
  });
});

describe('deterministic workflow code', () => {
  const files = tsFilesUnder(WORKFLOWS);

  it('finds the workflow sources and their imports', () => {
    assert.ok(files.length >= 3, `expected workflow sources under ${WORKFLOWS}, found ${files.length}`);
    const all = files.flatMap((f) => importsOf(readFileSync(f, 'utf8')).map((i) => i.spec));
    assert.ok(all.includes('@temporalio/workflow'), 'the scanner found no @temporalio/workflow import');
  });

  it('sees every import statement of every workflow file', () => {
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const statements = source.match(/^[ \t]*import\b(?!\s*\()/gm)?.length ?? 0;
      const scanned = [...source.matchAll(STATIC)].filter((m) => /^\s*import/.test(m[0])).length;
      assert.equal(scanned, statements, `${relative(ROOT, file)}: ${statements} import statements, ${scanned} understood`);
    }
  });

  it('imports only the workflow SDK, libs/domain, libs/temporal, siblings and activity types', () => {
    assert.deepEqual(problemsIn(files, workflowImportProblem), []);
  });
});

describe('the pure domain library', () => {
  const files = tsFilesUnder(DOMAIN);

  it('finds the domain sources', () => {
    assert.ok(files.some((f) => f.endsWith(`${sep}review-machine.ts`)), `expected libs/domain sources under ${DOMAIN}`);
  });

  it('imports nothing outside libs/domain', () => {
    assert.deepEqual(problemsIn(files, domainImportProblem), []);
  });

  it('would flag an import from outside libs/domain', () => {
    const file = join(DOMAIN, 'score.ts');
    assert.equal(domainImportProblem(file, { spec: './classification.js', typeOnly: false }), null);
    assert.notEqual(domainImportProblem(file, { spec: '../temporal/definitions.js', typeOnly: true }), null);
    assert.notEqual(domainImportProblem(file, { spec: 'zod', typeOnly: false }), null);
  });
});
