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

export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const http = new ApiClient(`http://127.0.0.1:${port}`);
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}`);
    const res = await http.get('/health');
    if (res.status !== 200) throw new Error(`health ${res.status}`);
  });
  return {
    http,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
