import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../../../libs/auth/access-tokens.js';
import type { Principal } from '../../../libs/auth/principal.js';
import { AccountEntity } from '../../../libs/persistence/entities/index.js';
import { accountInGoodStanding } from './account-standing.js';

/**
 * Turns a bearer token (or the session cookie's) into the caller, with roles read fresh from the
 * registry on every request: a struck-off person's tokens stop working at once.
 */
@Injectable()
export class PrincipalLoader {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly db: DataSource,
  ) {}

  async fromToken(token: string): Promise<Principal | null> {
    const actorId = await this.tokens.verify(token);
    if (actorId === null) return null;
    const account = await this.db
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('a.id = :actorId', { actorId })
      .andWhere(accountInGoodStanding('a'))
      .getOne();
    return account ? { actorId: account.id, username: account.username, roles: account.roles } : null;
  }
}
