import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import type { ReportStatus } from '../../../libs/domain/enums.js';
import { NotFoundError } from '../../../libs/domain/errors.js';
import type { ClassificationCounts } from '../../../libs/domain/report-counts.js';
import { reportShares } from '../../../libs/domain/report-shares.js';
import type { CellCriteriaSet } from '../../../libs/domain/rules/four-good-cells.js';
import type { ReportEntity } from '../../../libs/persistence/entities/index.js';
import { checkUnitQuota } from '../../../libs/persistence/quota-check.js';
import { reportTotals } from '../../../libs/persistence/report-totals.js';
import { submitReportUpdate } from '../../../libs/temporal/definitions.js';
import { unitWorkflowId } from '../../../libs/temporal/workflow-ids.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { throughTemporal } from '../http/temporal-errors.js';

function sharesOf(people: ClassificationCounts, units: ClassificationCounts) {
  const p = reportShares(people);
  const u = reportShares(units);
  return { percentages: { people: p.percentages, units: u.percentages }, goodOrBetter: { people: p.goodOrBetter, units: u.goodOrBetter } };
}

type ReportRow = Omit<ReportEntity, 'submittedAt' | 'updatedAt'> & { submittedAt: Date | null; cellCriteria: CellCriteriaSet | null };

/** A unit's report upward: figures per classification, children's statuses, submission. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly access: AccessService,
  ) {}

  async get(principal: Principal, cycleId: string, unitId: string) {
    const report = await this.visibleReport(principal, cycleId, unitId);
    // While collecting, show the figures so far; once ready they are frozen with the report.
    const totals = report.status === 'collecting' ? await reportTotals(this.db, cycleId, unitId) : report;
    const children: Array<{ unitId: string; status: ReportStatus }> = await this.db.query(
      `SELECT unit_id AS "unitId", status FROM reports WHERE cycle_id = $1 AND parent_unit_id = $2 ORDER BY unit_id`,
      [cycleId, unitId],
    );
    // While calibration is needed, name the groups over the quota and by how much.
    const calibration = report.status === 'calibration_needed' ? await checkUnitQuota(this.db, cycleId, unitId) : null;
    return {
      cycleId,
      unitId,
      status: report.status,
      calibration: calibration && { excellentPercent: calibration.percent, breaches: calibration.breaches.map((b) => b.message) },
      headId: report.headId,
      people: totals.people,
      units: totals.units,
      // Largest-remainder shares: the parts sum to 100.00%, and good-or-better is excellent + good as shown.
      ...sharesOf(totals.people, totals.units),
      remediationPlans: totals.remediationPlans,
      // "N of M cells achieved four good", only in a cycle launched with the set.
      fourGoodCells: report.cellCriteria === 'four_good' ? totals.fourGoodCells : null,
      children,
      summary: report.summary,
      submittedAt: report.submittedAt?.toISOString() ?? null,
      submittedBy: report.submittedBy,
    };
  }

  async submit(principal: Principal, cycleId: string, unitId: string, summary: string, updateId: string | undefined) {
    await this.visibleReport(principal, cycleId, unitId);
    await throughTemporal(
      () =>
        this.temporal.workflow.getHandle(unitWorkflowId(cycleId, unitId)).executeUpdate(submitReportUpdate, {
          args: [{ actorId: principal.actorId, summary }],
          updateId,
        }),
      'This report was already submitted.',
    );
    return this.get(principal, cycleId, unitId);
  }

  /** Admins and auditors of the scope; the unit's head and the heads above it. */
  private async visibleReport(principal: Principal, cycleId: string, unitId: string): Promise<ReportRow> {
    const p = new SqlParams();
    const actor = p.add(principal.actorId);
    const [row]: ReportRow[] = await this.db.query(
      `SELECT rp.unit_id AS "unitId", rp.status, rp.head_id AS "headId", rp.people, rp.units, rp.remediation_plans AS "remediationPlans",
              rp.four_good_cells AS "fourGoodCells", c.cell_criteria AS "cellCriteria",
              rp.summary, rp.submitted_at AS "submittedAt", rp.submitted_by AS "submittedBy"
         FROM reports rp JOIN cycles c ON c.id = rp.cycle_id LEFT JOIN units u ON u.id = rp.unit_id
        WHERE rp.cycle_id = ${p.add(cycleId)} AND rp.unit_id = ${p.add(unitId)}
          AND (${this.access.unitInReadScope(principal, 'u', p)} OR rp.head_id = ${actor}
               OR EXISTS (SELECT 1 FROM units a WHERE a.id = ANY(u.ancestor_ids) AND a.head_id = ${actor}))`,
      p.values,
    );
    if (!row) throw new NotFoundError('Report', `${cycleId}/${unitId}`);
    return row;
  }
}
