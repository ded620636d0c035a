import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import type { CyclePeriod } from '../../../libs/domain/cycle-period.js';
import type { ClassificationCounts } from '../../../libs/domain/report-counts.js';
import { ReportsService } from '../reports/reports.service.js';

export interface ChildReportRow {
  unitId: string;
  name: string | null;
  status: string;
  people: ClassificationCounts;
  units: ClassificationCounts;
  remediationPlans: number;
}

/** Everything the printed report shows: the JSON report plus the names a reader needs. */
export interface ReportDocument {
  report: Awaited<ReturnType<ReportsService['get']>>;
  unit: { id: string; name: string; kind: string; parentId: string | null; parentName: string | null };
  cycle: { id: string; title: string; year: number; period: CyclePeriod; ruleSet: string };
  children: ChildReportRow[];
  submitterName: string | null;
}

/** Gathers a unit's report for a document, under exactly the access check of `GET …/report`. */
@Injectable()
export class ReportDocumentService {
  constructor(
    private readonly db: DataSource,
    private readonly reports: ReportsService,
  ) {}

  async load(principal: Principal, cycleId: string, unitId: string): Promise<ReportDocument> {
    const report = await this.reports.get(principal, cycleId, unitId); // 404 as the JSON report answers
    const [cycle]: Array<ReportDocument['cycle']> = await this.db.query(
      `SELECT id, title, year, period, COALESCE(policy->>'ruleSet', 'reg-366-2025') AS "ruleSet" FROM cycles WHERE id = $1`,
      [cycleId],
    );
    const [unit]: Array<ReportDocument['unit']> = await this.db.query(
      `SELECT u.id, u.name, u.kind, u.parent_id AS "parentId", p.name AS "parentName"
         FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = $1`,
      [unitId],
    );
    const children: ChildReportRow[] = await this.db.query(
      `SELECT rp.unit_id AS "unitId", u.name, rp.status, rp.people, rp.units, rp.remediation_plans AS "remediationPlans"
         FROM reports rp LEFT JOIN units u ON u.id = rp.unit_id
        WHERE rp.cycle_id = $1 AND rp.parent_unit_id = $2 ORDER BY rp.unit_id`,
      [cycleId, unitId],
    );
    const [submitter]: Array<{ name: string }> = report.submittedBy
      ? await this.db.query('SELECT name FROM people WHERE id = $1', [report.submittedBy])
      : [];
    return {
      report,
      unit: unit ?? { id: unitId, name: unitId, kind: 'other', parentId: null, parentName: null },
      cycle: cycle!,
      children,
      submitterName: submitter?.name ?? report.submittedBy,
    };
  }
}
