import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../apps/dev/free-port.js';
import { ApiClient } from './api-client.js';
import { eventually } from './review-driver.js';

const API_MAIN = fileURLToPath(new URL('../../apps/api/main.js', import.meta.url));

/** The API as production runs it, in a process of its own that a test can kill -9. */
export interface ApiProcess {
  http: ApiClient;
  kill(): Promise<void>;
}

/** Starts it with `env` over the test's own environment, on `port` (a free one unless given), and waits until it answers. */
export async function startApiProcess(env: Record<string, string | undefined>, port?: number): Promise<ApiProcess> {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const http = new ApiClient(`http://127.0.0.1:${port}`);
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}`);
    const res = await http.get('/health');
    if (res.status !== 200) throw new Error(`health ${res.status}`);
  }, { timeoutMs: 60_000 });
  return {
    http,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
