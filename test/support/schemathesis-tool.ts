import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { installAtomically } from '../../apps/dev/temporal-binary.js';

// Schemathesis (PyPI) fuzzes the API from its OpenAPI document. Installed on first use into the
// tools directory, as the Temporal CLI is, and pinned so a new release cannot fail CI on its own.

export const SCHEMATHESIS_VERSION = '4.32.5';
const TARGET_NAME = `schemathesis-${SCHEMATHESIS_VERSION}`;

export interface Schemathesis {
  /** Runs `st <args>`; resolves with the exit code and everything it printed. */
  run(args: string[], opts: { cwd: string; timeoutMs: number }): Promise<{ code: number; output: string }>;
}

/**
 * `pip install --target` (not a venv): the directory can be renamed into place atomically and
 * run from anywhere with PYTHONPATH, with the dependencies Schemathesis needs.
 */
export async function findOrInstallSchemathesis(toolsDir: string, log: (msg: string) => void): Promise<Schemathesis> {
  const target = join(toolsDir, TARGET_NAME);
  if (!(await isInstalled(target))) {
    log(`Installing schemathesis==${SCHEMATHESIS_VERSION} from PyPI into ${target} (one-off, ~40 MB)`);
    await installAtomically(toolsDir, TARGET_NAME, () => isInstalled(target), async (staging) => {
      await execFileText('python3', ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--quiet', '--target', staging, `schemathesis==${SCHEMATHESIS_VERSION}`], {
        timeoutMs: 10 * 60_000,
      });
      if (!(await isInstalled(staging))) throw new Error(`schemathesis installed into ${staging}, but does not run`);
    });
  }
  return { run: (args, opts) => runSt(target, args, opts) };
}

async function isInstalled(dir: string): Promise<boolean> {
  try {
    const out = await execFileText('python3', ['-m', 'schemathesis.cli', '--version'], { timeoutMs: 60_000, env: pythonEnv(dir) });
    return out.includes(SCHEMATHESIS_VERSION);
  } catch {
    return false;
  }
}

function pythonEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' };
}

function runSt(dir: string, args: string[], opts: { cwd: string; timeoutMs: number }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-m', 'schemathesis.cli', '--no-color', ...args], { cwd: opts.cwd, env: pythonEnv(dir) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), output: signal ? `${output}\n(killed by ${signal} after ${opts.timeoutMs} ms)` : output });
    });
  });
}

function execFileText(file: string, args: string[], opts: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: opts.timeoutMs, env: opts.env ?? process.env, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.slice(0, 3).join(' ')} failed: ${stderr.trim().split('\n').slice(-5).join('\n') || error.message}`));
      else resolve(stdout + stderr);
    });
  });
}
