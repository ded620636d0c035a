import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { inScope, type Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError, NotFoundError } from '../../../libs/domain/errors.js';
import { loadOperation, operationView, type OperationView } from '../../../libs/persistence/operation-rows.js';
import { AccessService } from '../access/access.service.js';

const POLL_MS = 250;

/** Bulk operations (calendar moves, cancels) as their requests' callers follow them. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /**
   * The operation, for admins and auditors of its cycle's root. One whose cycle lies wholly outside
   * the caller's scope does not exist for them (404); one over a cycle they see part of is 403.
   */
  async get(principal: Principal, id: string): Promise<OperationView> {
    const row = await loadOperation(this.db, id);
    if (!row) throw new NotFoundError('Operation', id);
    const [cycle]: Array<{ root_unit_id: string; ancestor_ids: string[] }> = await this.db.query(
      'SELECT c.root_unit_id, u.ancestor_ids FROM cycles c JOIN units u ON u.id = c.root_unit_id WHERE c.id = $1',
      [row.cycle_id],
    );
    const scope = this.access.readScope(principal);
    if (cycle && inScope(scope, cycle.ancestor_ids)) return operationView(row);
    if (scope !== 'all' && scope.length > 0 && cycle) {
      const [under] = await this.db.query('SELECT 1 FROM units WHERE id = ANY($1) AND ancestor_ids @> ARRAY[$2]', [scope, cycle.root_unit_id]);
      if (under) throw new ForbiddenError("Only an administrator or auditor of the cycle's root unit may follow its operations.");
    }
    throw new NotFoundError('Operation', id);
  }

  /** The operation once finished, or as it stands after `timeoutMs` (no access check: the caller just started it). */
  async waitUntilFinished(id: string, timeoutMs: number): Promise<OperationView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await loadOperation(this.db, id);
      if (!row) throw new NotFoundError('Operation', id);
      if (row.status !== 'running' || Date.now() >= deadline) return operationView(row);
      await sleep(POLL_MS);
    }
  }

  /** Right after the Update answered (its row is recorded by then). */
  async view(id: string): Promise<OperationView> {
    const row = await loadOperation(this.db, id);
    if (!row) throw new NotFoundError('Operation', id);
    return operationView(row);
  }
}
