import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
  adminPassword: string;
}

/**
 * Secrets for a local run, generated once and kept in the data directory (mode 0600) so tokens
 * and the admin login survive restarts. Environment variables, when set, take precedence.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  const path = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LocalSecrets;
  } catch {
    const secrets = { jwtSecret: randomBytes(32).toString('base64url'), adminPassword: randomBytes(9).toString('base64url') };
    await mkdir(dataDir, { recursive: true });
    await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}
