import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowIdConflictPolicy } from '@temporalio/client';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../../../libs/auth/password-hash.js';
import type { Principal } from '../../../libs/auth/principal.js';
import type { ResolvedConfig } from '../../../libs/config/app-config.js';
import { describeFieldErrors, ForbiddenError, ValidationError } from '../../../libs/domain/errors.js';
import { checkImport, importedUnitStatus, type RegistrySnapshot } from '../../../libs/domain/org/import-rules.js';
import { findTakeovers } from '../../../libs/domain/org/wider-roles-rule.js';
import { forEachBounded } from '../../../libs/activities/bounded-pool.js';
import { registryChangesWorkflowId } from '../../../libs/temporal/workflow-ids.js';
import type { RegistryChangesInput } from '../../../libs/temporal/workflow-inputs.js';
import { WORKFLOW_TYPES } from '../../../libs/temporal/workflow-types.js';
import { AccessService } from '../access/access.service.js';
import { CONFIG } from '../http/tokens.js';
import type { OrgImportBody } from './org-import.schema.js';
import { refreshHierarchy } from './registry-hierarchy.js';

const MIN_PASSWORD_LENGTH = 8;
const IMPORT_LOCK = 7_331_002;

export interface ImportResult {
  units: { created: number; updated: number };
  people: { created: number; updated: number };
}

/** Upserts units and people by id, all or nothing, after checking every rule against the registry. */
@Injectable()
export class OrgImportService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /**
   * `importId` names this import (the caller's idempotency key, else an id the server made): the
   * workflow that applies it to running cycles is keyed by it, so a replay starts nothing new.
   */
  /** Who may import at all, asked before anything of the request is read: administrators, within their scope. */
  importerScope(principal: Principal): ReturnType<AccessService['adminScope']> {
    const callerScope = this.access.adminScope(principal);
    if (callerScope !== 'all' && callerScope.length === 0) throw new ForbiddenError('Only administrators may import the registry.');
    return callerScope;
  }

  async import(principal: Principal, body: OrgImportBody, importId: string): Promise<ImportResult> {
    const callerScope = this.importerScope(principal);

    const { result, cycleIds } = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]); // imports see each other's results
      const snapshot = await this.snapshot(tx, body);
      const takeovers = findTakeovers(snapshot, body, callerScope);
      if (takeovers.length > 0) throw new ForbiddenError(describeFieldErrors(takeovers), takeovers);
      const errors = checkImport(snapshot, body, {
        callerScope,
        reservedUsernames: [this.config.auth.adminUsername],
        reservedIds: [this.config.auth.adminUsername],
        minPasswordLength: MIN_PASSWORD_LENGTH,
      });
      if (errors.length > 0) throw new ValidationError(errors);
      // Only now, every check passed: a refused import costs no hashing (scrypt is slow on purpose).
      const hashes = await this.hashPasswords(body);

      await this.upsertUnits(tx, body, snapshot);
      await this.upsertPeople(tx, body);
      await this.upsertAccounts(tx, body, hashes);
      await refreshHierarchy(tx);

      const storedUnits = new Set(snapshot.units.map((u) => u.id));
      const storedPeople = new Set(snapshot.people.map((p) => p.id));
      const unitsCreated = body.units.filter((u) => !storedUnits.has(u.id)).length;
      const peopleCreated = body.people.filter((p) => !storedPeople.has(p.id)).length;
      return {
        result: {
          units: { created: unitsCreated, updated: body.units.length - unitsCreated },
          people: { created: peopleCreated, updated: body.people.length - peopleCreated },
        },
        cycleIds: await this.openCyclesTouched(tx, body, snapshot),
      };
    });
    await this.applyToRunningCycles(importId, principal.actorId, cycleIds);
    return result;
  }

  /**
   * Once committed, the import's changes reach the open reviews of the cycles it touched
   * through one durable workflow. If Temporal cannot be reached the request fails (5xx frees
   * the idempotency key) and its retry, an idempotent upsert, starts the workflow.
   */
  private async applyToRunningCycles(importId: string, actorId: string, cycleIds: string[]): Promise<void> {
    if (cycleIds.length === 0) return;
    const args: [RegistryChangesInput] = [{ importId, actorId, cycleIds }];
    await this.temporal.workflow.start(WORKFLOW_TYPES.registryChanges, {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: registryChangesWorkflowId(importId),
      args,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
  }

  /** Open cycles whose tree holds a unit the import changed, or a person's old or new unit. */
  private async openCyclesTouched(tx: EntityManager, body: OrgImportBody, snapshot: RegistrySnapshot): Promise<string[]> {
    const mentioned = new Set(body.people.map((p) => p.id));
    const importedUnits = new Set(body.units.map((u) => u.id));
    const touched = new Set([
      ...importedUnits,
      ...snapshot.units.filter((u) => importedUnits.has(u.id) && u.parentId !== null).map((u) => u.parentId!),
      ...body.people.map((p) => p.unitId),
      ...snapshot.people.filter((p) => mentioned.has(p.id)).map((p) => p.unitId),
    ]);
    if (touched.size === 0) return [];
    // A cycle is touched by a unit in its tree, or above its root (whose head may stand in for it).
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT c.id FROM cycles c JOIN units r ON r.id = c.root_unit_id
        WHERE c.status IN ('launching', 'running')
          AND EXISTS (SELECT 1 FROM units u WHERE u.id = ANY($1) AND (u.ancestor_ids @> ARRAY[r.id] OR r.ancestor_ids @> ARRAY[u.id]))
        ORDER BY c.id`,
      [[...touched]],
    );
    return rows.map((r) => r.id);
  }

  private async hashPasswords(body: OrgImportBody): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    const withPassword = body.people.filter((p) => p.password && p.password.length >= MIN_PASSWORD_LENGTH);
    await forEachBounded(withPassword, 4, async (person) => {
      hashes.set(person.id, await hashPassword(person.password!, this.config.auth.passwordHashCost));
    });
    return hashes;
  }

  private async snapshot(tx: EntityManager, body: OrgImportBody): Promise<RegistrySnapshot> {
    const personIds = body.people.map((p) => p.id);
    const usernames = body.people.flatMap((p) => (p.username ? [p.username.trim().toLowerCase()] : []));
    // One transaction is one connection: its queries run one after the other.
    const retiring = body.units.filter((u) => u.mergedInto || u.dissolved).map((u) => u.id);
    const units = await tx.query(`SELECT id, parent_id AS "parentId", name, kind, status FROM units`);
    const people = await tx.query(
      `SELECT id, name, unit_id AS "unitId", position, status FROM people
        WHERE id = ANY($1) OR (position = 'secretary' AND status = 'active') OR (unit_id = ANY($2) AND status = 'active')`,
      [personIds, retiring],
    );
    const accounts = await tx.query(`SELECT id, username, roles FROM accounts WHERE id = ANY($1) OR lower(username) = ANY($2)`, [personIds, usernames]);
    const openCycleRoots = await tx.query(
      `SELECT id AS "cycleId", title, root_unit_id AS "rootUnitId" FROM cycles WHERE root_unit_id = ANY($1) AND status IN ('launching', 'running')`,
      [retiring],
    );
    return { units, people, accounts, openCycleRoots };
  }

  /** Merged into an earlier row of the same import: each row is inserted first, then merged_into set. */
  private async upsertUnits(tx: EntityManager, body: OrgImportBody, snapshot: RegistrySnapshot): Promise<void> {
    if (body.units.length === 0) return;
    const stored = new Map(snapshot.units.map((u) => [u.id, u]));
    const rows = body.units.map((u) => ({ id: u.id, parent_id: u.parentId, name: u.name, kind: u.kind, status: importedUnitStatus(u, stored.get(u.id)), merged_into: u.mergedInto ?? null }));
    await tx.query(
      `INSERT INTO units (id, parent_id, name, kind, status, ancestor_ids, created_at, updated_at)
       SELECT id, parent_id, name, kind, status, ARRAY[]::text[], now(), now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, parent_id text, name text, kind text, status text)
       ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, name = EXCLUDED.name, kind = EXCLUDED.kind, status = EXCLUDED.status, updated_at = now()`,
      [JSON.stringify(rows)],
    );
    const merged = rows.filter((r) => r.merged_into !== null);
    if (merged.length === 0) return;
    await tx.query(
      `UPDATE units u SET merged_into = x.merged_into FROM jsonb_to_recordset($1::jsonb) AS x(id text, merged_into text) WHERE u.id = x.id`,
      [JSON.stringify(merged)],
    );
  }

  /** Omitted optional fields keep their stored values: resolved in the SELECT, so the upsert takes EXCLUDED as is. */
  private async upsertPeople(tx: EntityManager, body: OrgImportBody): Promise<void> {
    if (body.people.length === 0) return;
    const rows = body.people.map((p) => ({
      id: p.id,
      name: p.name,
      unit_id: p.unitId,
      position: p.position,
      email: p.email ?? null,
      discipline: p.discipline?.map((d) => ({ year: d.year, level: d.level, selfDetected: d.selfDetected ?? false, dutyRelated: d.dutyRelated ?? false })) ?? null,
      status: p.status ?? null,
      // Omitted keeps the stored committee; null clears it.
      managed_by_given: p.managedByUnitId !== undefined,
      managed_by_unit_id: p.managedByUnitId ?? null,
    }));
    await tx.query(
      `INSERT INTO people (id, name, unit_id, position, email, discipline, status, managed_by_unit_id, created_at, updated_at)
       SELECT x.id, x.name, x.unit_id, x.position, COALESCE(x.email, p.email), COALESCE(x.discipline, p.discipline, '[]'::jsonb),
              COALESCE(x.status, p.status, 'active'), CASE WHEN x.managed_by_given THEN x.managed_by_unit_id ELSE p.managed_by_unit_id END, now(), now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, unit_id text, position text, email text, discipline jsonb, status text,
              managed_by_given boolean, managed_by_unit_id text)
         LEFT JOIN people p ON p.id = x.id
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id, position = EXCLUDED.position,
         email = EXCLUDED.email, discipline = EXCLUDED.discipline, status = EXCLUDED.status,
         managed_by_unit_id = EXCLUDED.managed_by_unit_id, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  /** Accounts for people given a username, a password or roles; omitted fields keep their stored values. */
  private async upsertAccounts(tx: EntityManager, body: OrgImportBody, hashes: Map<string, string>): Promise<void> {
    const rows = body.people
      .filter((p) => p.username || p.password || p.roles)
      .map((p) => ({ id: p.id, username: p.username?.trim() ?? null, password_hash: hashes.get(p.id) ?? null, roles: p.roles ?? null }));
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO accounts (id, username, password_hash, person_id, roles, created_at, updated_at)
       SELECT x.id, COALESCE(x.username, a.username), COALESCE(x.password_hash, a.password_hash), x.id,
              COALESCE(x.roles, a.roles, '[]'::jsonb), now(), now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, username text, password_hash text, roles jsonb)
         LEFT JOIN accounts a ON a.id = x.id
        WHERE COALESCE(x.username, a.username) IS NOT NULL
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, password_hash = EXCLUDED.password_hash,
         roles = EXCLUDED.roles, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }
}
