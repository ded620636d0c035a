import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import type { ClassificationCounts } from '../../../libs/domain/report-counts.js';
import { reportShares } from '../../../libs/domain/report-shares.js';
import { UNIT_KINDS } from '../../../libs/domain/enums.js';
import type { DocumentLang } from './document-format.js';
import { labelsFor, type DocumentLabels } from './document-labels.js';
import { keysetBatches } from './keyset-batches.js';
import type { ReportDocument } from './report-document.service.js';
import { classificationLines } from './report-tables.js';
import { drained } from './response-stream.js';
import { sheetDrained } from './sheet-backpressure.js';

type Sheet = ExcelJS.Worksheet;

interface SubjectRow {
  id: string;
  subject_type: string;
  subject_id: string;
  subject_name: string;
  unit_id: string;
  unit_name: string | null;
  status: string;
  classification: string | null;
  score: number | null;
}

interface UnitReportRow {
  id: string;
  name: string;
  parent_name: string | null;
  status: string;
  people: ClassificationCounts;
  units: ClassificationCounts;
  remediation_plans: number;
}

/**
 * The report as a workbook streamed into the response: exceljs's WorkbookWriter writes each row
 * as it is committed, the rows come from the database in keyset batches, and each batch waits
 * for the zip and the client to take the one before, so memory stays flat whatever the size of
 * the subtree.
 */
export class ReportWorkbook {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly l: DocumentLabels;

  constructor(
    private readonly db: DataSource,
    private readonly res: Response,
    private readonly doc: ReportDocument,
    lang: DocumentLang,
  ) {
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
    this.l = labelsFor(lang);
  }

  /** One unit: its report's tables, then every subject its figures count (reviews owned in its subtree). */
  async writeUnit(): Promise<void> {
    this.writeReportSheet();
    const sheet = this.book.addWorksheet(this.l.subjectsSheet);
    await this.writeSubjects(sheet, `o.ancestor_ids @> ARRAY[$2]::text[]`, [], 'r.owner_unit_id');
    sheet.commit();
    await this.book.commit();
  }

  /** The unit and its whole subtree: the report's tables, then one sheet per level with its units' reports and its subjects. */
  async writeSubtree(): Promise<void> {
    this.writeReportSheet();
    const [{ kinds }]: Array<{ kinds: string[] | null }> = await this.db.query(
      `SELECT array_agg(DISTINCT u.kind) AS kinds FROM reports rp JOIN units u ON u.id = rp.unit_id
        WHERE rp.cycle_id = $1 AND u.ancestor_ids @> ARRAY[$2]::text[]`,
      [this.doc.cycle.id, this.doc.unit.id],
    );
    for (const kind of UNIT_KINDS.filter((k) => kinds?.includes(k))) {
      const sheet = this.book.addWorksheet(this.l.levelSheet[kind] ?? kind);
      await this.writeLevelUnits(sheet, kind);
      sheet.addRow([]).commit();
      // The level's subjects: people and collectives whose own unit is of this level.
      await this.writeSubjects(sheet, `o.ancestor_ids @> ARRAY[$2]::text[] AND o.kind = $3`, [kind], 'r.unit_id');
      sheet.commit();
    }
    await this.book.commit();
  }

  private writeReportSheet(): void {
    const { report, unit, cycle } = this.doc;
    const l = this.l;
    const sheet = this.book.addWorksheet(l.reportSheet);
    sheet.columns = [{ width: 40 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
    const add = (values: unknown[]) => sheet.addRow(values).commit();
    add([l.reportTitle(cycle.year, cycle.period)]);
    add([l.unit, unit.name, unit.id]);
    add([l.parentUnit, unit.parentName ?? '', unit.parentId ?? '']);
    add([l.cycle, cycle.title, cycle.year]);
    add([l.ruleSet, cycle.ruleSet]);
    add([l.status, l.reportStatus[report.status] ?? report.status]);
    for (const [title, counts] of [[l.peopleTable, report.people], [l.unitsTable, report.units]] as const) {
      add([]);
      add([title]);
      add([l.classificationHeader, l.count, `${l.share} (%)`]);
      for (const line of classificationLines(counts, l)) add([line.label, line.count, line.percent]);
    }
    if (report.fourGoodCells) add([l.fourGoodCells(report.fourGoodCells.achieved, report.fourGoodCells.total), report.fourGoodCells.achieved, report.fourGoodCells.total]);
    add([]);
    add([l.childrenTable]);
    add(this.unitReportHeader());
    for (const child of this.doc.children) add(this.unitReportValues({ id: child.unitId, name: child.name ?? child.unitId, parent_name: unit.name, status: child.status, people: child.people, units: child.units, remediation_plans: child.remediationPlans }));
    add([]);
    add([l.remediationPlans, report.remediationPlans]);
    add([l.summary, report.summary ?? '']);
    add([report.submittedAt ? l.submitted(this.doc.submitterName ?? '', report.submittedAt) : l.notSubmitted, report.submittedBy ?? '', report.submittedAt ?? '']);
    sheet.commit();
  }

  private unitReportHeader(): string[] {
    const l = this.l;
    const people = CLASSIFICATIONS.map((c) => `${l.people}: ${l.classification[c]}`);
    return [l.unitId, l.unit, l.parentName, l.status, ...people, `${l.people}: ${l.total}`, `${l.people}: ${l.goodOrBetter} (%)`, ...CLASSIFICATIONS.map((c) => `${l.units}: ${l.classification[c]}`), `${l.units}: ${l.total}`, l.remediationPlans];
  }

  private unitReportValues(row: UnitReportRow): unknown[] {
    return [
      row.id,
      row.name,
      row.parent_name ?? '',
      this.l.reportStatus[row.status] ?? row.status,
      ...CLASSIFICATIONS.map((c) => row.people[c]),
      row.people.total,
      reportShares(row.people).goodOrBetter.percent,
      ...CLASSIFICATIONS.map((c) => row.units[c]),
      row.units.total,
      row.remediation_plans,
    ];
  }

  private async writeLevelUnits(sheet: Sheet, kind: string): Promise<void> {
    sheet.addRow(this.unitReportHeader()).commit();
    const batches = keysetBatches<UnitReportRow, string>(
      this.db,
      (after, limit) => ({
        sql: `SELECT u.id, u.name, p.name AS parent_name, rp.status, rp.people, rp.units, rp.remediation_plans
                FROM reports rp JOIN units u ON u.id = rp.unit_id LEFT JOIN units p ON p.id = u.parent_id
               WHERE rp.cycle_id = $1 AND u.ancestor_ids @> ARRAY[$2]::text[] AND u.kind = $3 ${after === null ? '' : 'AND u.id > $5'}
               ORDER BY u.id LIMIT $4`,
        params: [this.doc.cycle.id, this.doc.unit.id, kind, limit, ...(after === null ? [] : [after])],
      }),
      (row) => row.id,
    );
    for await (const rows of batches) {
      for (const row of rows) sheet.addRow(this.unitReportValues(row)).commit();
      await sheetDrained(sheet);
      await drained(this.res);
    }
  }

  /** Subjects of the cycle whose unit (`unitColumn`, aliased o) matches `where`; $1 cycle, $2 the report's unit, then `extra`. */
  private async writeSubjects(sheet: Sheet, where: string, extra: unknown[], unitColumn: string): Promise<void> {
    const l = this.l;
    sheet.addRow([l.subjectId, l.subjectName, l.subjectType, l.unitId, l.unit, l.reviewStatus, l.classificationHeader, l.score]).commit();
    const next = 3 + extra.length;
    const batches = keysetBatches<SubjectRow, string>(
      this.db,
      (after, limit) => ({
        sql: `SELECT r.id, r.subject_type, r.subject_id, r.subject_name, r.unit_id, u.name AS unit_name, r.status, r.classification, r.score
                FROM reviews r JOIN units o ON o.id = ${unitColumn} LEFT JOIN units u ON u.id = r.unit_id
               WHERE r.cycle_id = $1 AND ${where} ${after === null ? '' : `AND r.id > $${next + 1}`}
               ORDER BY r.id LIMIT $${next}`,
        params: [this.doc.cycle.id, this.doc.unit.id, ...extra, limit, ...(after === null ? [] : [after])],
      }),
      (row) => row.id,
    );
    for await (const rows of batches) {
      for (const r of rows) {
        const classification = r.classification ? l.classification[r.classification as keyof DocumentLabels['classification']] : '';
        sheet.addRow([r.subject_id, r.subject_name, l.subjectTypes[r.subject_type] ?? r.subject_type, r.unit_id, r.unit_name ?? '', r.status, classification, r.score]).commit();
      }
      await sheetDrained(sheet);
      await drained(this.res);
    }
  }
}
