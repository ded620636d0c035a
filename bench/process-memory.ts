import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

// Memory and disk of the stack's processes, read from /proc (Linux). PSS, not RSS: PostgreSQL's
// backends share one buffer pool, and summing their RSS would count it once per backend.

export interface ProcessGroup {
  name: string;
  pids: number[];
}

/** Proportional set size of these processes together, in MiB (0 for one that is gone). */
export async function pssMiB(pids: readonly number[]): Promise<number> {
  let kb = 0;
  for (const pid of pids) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    kb += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
  }
  return kb / 1024;
}

/** Processes whose command line contains `needle`, with every descendant (PostgreSQL's backends). */
export async function processesMatching(needle: string): Promise<number[]> {
  const table = new Map<number, { ppid: number; cmdline: string }>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const [cmdline, statLine] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''), readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')]);
    // The parent is the second field after the command, which is in parentheses and may hold spaces.
    const ppid = Number(statLine.slice(statLine.lastIndexOf(')') + 2).split(' ')[1]);
    table.set(pid, { ppid, cmdline: cmdline.replaceAll('\0', ' ') });
  }
  const found = new Set([...table].filter(([, p]) => p.cmdline.includes(needle)).map(([pid]) => pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of table) {
      if (!found.has(pid) && found.has(p.ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found];
}

/** Bytes under a directory, in MiB. */
export async function directoryMiB(dir: string): Promise<number> {
  let bytes = 0;
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true }).catch(() => [])) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) bytes += (await stat(full).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(dir);
  return bytes / 2 ** 20;
}
