import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../../../libs/auth/access-tokens.js';
import { hashPassword, verifyPassword } from '../../../libs/auth/password-hash.js';
import type { ResolvedConfig } from '../../../libs/config/app-config.js';
import { UnauthenticatedError } from '../../../libs/domain/errors.js';
import { AccountEntity } from '../../../libs/persistence/entities/index.js';
import { CONFIG } from '../http/tokens.js';

// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = 'scrypt$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: AccessTokens,
    @Inject(CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async issueToken(username: string, password: string) {
    const account = await this.db
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('lower(a.username) = lower(:username)', { username })
      .getOne();
    const valid = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.passwordHash || !valid) throw new UnauthenticatedError('Unknown username or wrong password.');
    return { accessToken: await this.tokens.issue(account.id), tokenType: 'Bearer' as const, expiresIn: this.tokens.ttlSeconds, actorId: account.id };
  }

  /** The first administrator, from ADMIN_USERNAME / ADMIN_PASSWORD: scoped to every unit. */
  async ensureBootstrapAdmin(): Promise<void> {
    const { adminUsername, adminPassword, passwordHashCost } = this.config.auth;
    if (adminPassword === null) return;
    const existing = await this.db.getRepository(AccountEntity).findOneBy({ id: adminUsername });
    if (existing?.passwordHash && (await verifyPassword(adminPassword, existing.passwordHash))) return;
    const passwordHash = await hashPassword(adminPassword, passwordHashCost);
    await this.db.query(
      `INSERT INTO accounts (id, username, password_hash, person_id, roles, created_at, updated_at)
       VALUES ($1, $1, $2, NULL, $3, now(), now())
       ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = EXCLUDED.roles, updated_at = now()`,
      [adminUsername, passwordHash, JSON.stringify([{ role: 'admin', unitId: null }])],
    );
  }
}
