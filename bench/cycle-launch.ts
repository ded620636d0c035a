import { setTimeout as sleep } from 'node:timers/promises';
import type { RegistryImport } from '../libs/domain/org/import-rules.js';
import { duration, timed, type Measurement } from './measure.js';

export interface LaunchTarget {
  /** The API's base URL, e.g. http://127.0.0.1:1234 */
  baseUrl: string;
  token: string;
}

/**
 * (c)/(d): what an administrator waits for. The registry import, then POST /cycles, then
 * GET /cycles/:id until the cycle is `running` (every unit's reviews started).
 */
export async function measureCycleLaunch(
  target: LaunchTarget,
  label: string,
  registry: RegistryImport,
  rootUnitId: string,
  timeoutMs: number,
): Promise<Measurement[]> {
  const imported = await timed(() => call(target, 'POST', '/org/import', registry));
  const launchStarted = performance.now();
  const created = await call<{ id: string }>(target, 'POST', '/cycles', { year: 2026, rootUnitId, title: `Benchmark: ${label}` });
  const acceptedMs = performance.now() - launchStarted;
  const cycle = await waitUntilRunning(target, created.id, timeoutMs);
  const runningMs = performance.now() - launchStarted;
  const subjects = cycle.progress.subjects;
  return [
    duration(`${label}: registry import`, registry.units.length + registry.people.length, imported.ms, `${registry.units.length} units + ${registry.people.length} people, one POST /org/import`),
    duration(`${label}: cycle launch until running`, subjects, runningMs, `${subjects} subjects; POST /cycles answered 201 after ${Math.round(acceptedMs)} ms`),
  ];
}

/** Polls GET /cycles/:id until the cycle is `running` (every review started); throws if it ends otherwise or takes longer than `timeoutMs`. */
export async function waitUntilRunning(target: LaunchTarget, cycleId: string, timeoutMs: number, pollMs = 100): Promise<{ status: string; progress: { subjects: number; launched: number } }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cycle = await call<{ status: string; progress: { subjects: number; launched: number } }>(target, 'GET', `/cycles/${cycleId}`);
    if (cycle.status === 'running') return cycle;
    if (cycle.status !== 'launching') throw new Error(`cycle ${cycleId} ended up ${cycle.status} while launching`);
    if (Date.now() > deadline) throw new Error(`cycle ${cycleId} still launching after ${timeoutMs} ms (${cycle.progress.launched}/${cycle.progress.subjects})`);
    await sleep(pollMs);
  }
}

export async function call<T = unknown>(target: LaunchTarget, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${target.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as T;
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
