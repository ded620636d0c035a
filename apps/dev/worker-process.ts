import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { workerProcessEnv, type ResolvedConfig } from '../../libs/config/app-config.js';

const WORKER_MAIN = fileURLToPath(new URL('../worker/main.js', import.meta.url));
/** The worker's own shutdown grace is 30 s (shutdownForceTime); past this it is killed. */
const STOP_GRACE_MS = 40_000;

export interface WorkerProcess {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * The worker as its own Node process, as docker-compose runs it: on two cores the API's event
 * loop and the worker's (activities, workflow activations) no longer take turns on one thread.
 * It reads the same servers the caller was given; its logs go to the caller's stderr.
 */
export function spawnWorkerProcess(config: ResolvedConfig, logger: Logger): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, [WORKER_MAIN], {
    env: workerProcessEnv(config),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = once(child, 'exit');
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') logger.error({ code, signal }, 'The worker process ended');
  });
  return {
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
