import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../../../libs/auth/access-tokens.js';
import { hashPassword, verifyPassword } from '../../../libs/auth/password-hash.js';
import type { ResolvedConfig } from '../../../libs/config/app-config.js';
import { UnauthenticatedError } from '../../../libs/domain/errors.js';
import { AccountEntity } from '../../../libs/persistence/entities/index.js';
import { CONFIG } from '../http/tokens.js';
import { accountInGoodStanding } from './account-standing.js';
import { LoginThrottle } from './login-throttle.js';


@Injectable()
export class AuthService {
  // Checked when the username is unknown, at the cost real hashes have, so both failures take as long.
  private unknownUserHash: Promise<string> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    @Inject(CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async issueToken(username: string, password: string) {
    await this.throttle.refuseIfLocked(username);
    const account = await this.db
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('lower(a.username) = lower(:username)', { username })
      .andWhere(accountInGoodStanding('a')) // a struck-off person is refused like an unknown user
      .getOne();
    this.unknownUserHash ??= hashPassword(randomUUID(), this.config.auth.passwordHashCost);
    const valid = await verifyPassword(password, account?.passwordHash ?? (await this.unknownUserHash));
    if (!account || !account.passwordHash || !valid) {
      await this.throttle.failed(username);
      throw new UnauthenticatedError('Unknown username or wrong password.');
    }
    await this.throttle.succeeded(username);
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
