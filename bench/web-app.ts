import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import type { RegistryImport } from '../libs/domain/org/import-rules.js';
import { measureCycleLaunch, type LaunchTarget } from './cycle-launch.js';
import { duration, timed, type Measurement } from './measure.js';

// (e) what the browser downloads on first load, (f) how long the inbox takes to be usable with
// 500 open tasks, next to the API's own answer for the same list (the ceiling the page cannot
// beat), and (g) an automated accessibility check (axe-core, the engine Lighthouse runs) of the
// main screens.

const CHROMIUM = '/usr/bin/chromium';
const HEAD = 'bench-web-secretary';
const HEAD_PASSWORD = 'bench-web-password';
export const INBOX_TASKS = 500;

/** One unit whose secretary reviews 500 members: after launch, 500 assign_targets tasks in one inbox. */
function busyUnit(): RegistryImport {
  const unitId = 'bench-web-unit';
  return {
    units: [{ id: unitId, parentId: null, name: 'Đảng bộ xã Xuân Hồng', kind: 'grassroots' }],
    people: [
      { id: HEAD, name: 'Trần Văn An', unitId, position: 'secretary', username: HEAD, password: HEAD_PASSWORD },
      ...Array.from({ length: INBOX_TASKS }, (_, i) => ({ id: `bench-web-m${i + 1}`, name: `Đảng viên ${i + 1}`, unitId, position: 'member' as const })),
    ],
  };
}

/** (e) the JavaScript and CSS index.html loads, raw and gzip-compressed. */
export async function measureFirstLoad(webDir: string): Promise<Measurement[]> {
  const html = await readFile(join(webDir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const out: Measurement[] = [];
  for (const kind of ['js', 'css'] as const) {
    const files = assets.filter((a) => a.endsWith(`.${kind}`));
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const bytes = await readFile(join(webDir, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    out.push({ label: `(e) ${kind.toUpperCase()} on first load, gzip`, n: files.length, ms: 0, perSecond: null, note: `${kib(gzip)} gzip (${kib(raw)} raw) in ${files.length} file(s)` });
  }
  return out;
}

/** (f) sign in as the head with 500 open tasks; time from navigation to the inbox's rows on screen. */
export async function measureInbox(target: LaunchTarget, timeoutMs: number): Promise<Measurement[]> {
  const launch = await measureCycleLaunch(target, '(f) 500-task inbox', busyUnit(), 'bench-web-unit', timeoutMs);
  const token = await fetch(`${target.baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: HEAD, password: HEAD_PASSWORD }),
  }).then(async (r) => ((await r.json()) as { accessToken: string }).accessToken);
  const apiTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { ms } = await timed(() => fetch(`${target.baseUrl}/api/v1/tasks?status=open&limit=50`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text()));
    apiTimes.push(ms);
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, baseURL: target.baseUrl });
    await signIn(page, HEAD, HEAD_PASSWORD);
    const pageTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.goto('/inbox');
      await page.getByTestId('task-row').first().waitFor();
      pageTimes.push(performance.now() - started);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return [
      ...launch,
      duration('(f) GET /tasks (first page of 500 open), API alone: the ceiling', 5, median(apiTimes), `median of 5; ${apiTimes.map((t) => Math.round(t)).join(', ')} ms`),
      duration('(f) inbox usable in the browser (navigation → first rows shown)', 5, median(pageTimes), `median of 5 page loads, cached assets; ${pageTimes.map((t) => Math.round(t)).join(', ')} ms`),
    ];
  } finally {
    await browser.close();
  }
}

/** (g) axe-core on the screens every person sees; violations by impact. */
export async function measureAccessibility(baseUrl: string, admin: { username: string; password: string }): Promise<Measurement[]> {
  const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await launchChromium();
  const out: Measurement[] = [];
  try {
    // The page's CSP rightly refuses inline scripts; only this check injects axe, so it alone bypasses it.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: baseUrl, bypassCSP: true });
    const check = async (label: string) => {
      await page.addScriptTag({ content: axeSource });
      const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
      const list = result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
      out.push({ label: `(g) axe-core: ${label}`, n: result.violations.length, ms: 0, perSecond: null, note: list.length === 0 ? 'no violations' : list.join('; ') });
    };
    await page.goto('/');
    await page.locator('input#username').waitFor();
    await check('sign-in page (phone)');
    await signIn(page, admin.username, admin.password);
    for (const path of ['/inbox', '/my-reviews', '/cycles', '/registry', '/audit']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await check(`${path} (phone)`);
    }
  } finally {
    await browser.close();
  }
  return out;
}

function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor({ state: 'attached' }); // hidden on phones, present once signed in
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
