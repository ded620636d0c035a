import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import { reportShares } from '../../../libs/domain/report-shares.js';
import { formatDate, formatPercent, type DocumentLang } from './document-format.js';
import { labelsFor, type DocumentLabels } from './document-labels.js';
import type { ReportDocument } from './report-document.service.js';
import { classificationLines } from './report-tables.js';
import { renderPdf } from './pdf-render.js';

/** The report upward as the signed A4 paper filed with the level above. */
export function reportPdf(doc: ReportDocument, lang: DocumentLang): Promise<Buffer> {
  const l = labelsFor(lang);
  const { report, unit, cycle } = doc;
  const content: Content[] = [
    {
      columns: [
        { width: '*', stack: [{ text: (unit.parentName ?? '').toUpperCase() }, { text: unit.name.toUpperCase(), bold: true }] },
        { width: 'auto', text: `${l.status}: ${l.reportStatus[report.status] ?? report.status}`, alignment: 'right' },
      ],
    },
    { text: l.reportTitle(cycle.year, cycle.period), style: 'title' },
    {
      stack: [
        `${l.unit}: ${unit.name} (${unit.id})`,
        `${l.parentUnit}: ${unit.parentName ? `${unit.parentName} (${unit.parentId})` : '—'}`,
        `${l.cycle}: ${cycle.title} — ${cycle.year}`,
        `${l.ruleSet}: ${cycle.ruleSet}`,
      ],
      margin: [0, 0, 0, 10],
    },
    { text: `1. ${l.peopleTable}`, style: 'heading' },
    classificationTable(report.people, l, lang),
    { text: `2. ${l.unitsTable}`, style: 'heading' },
    classificationTable(report.units, l, lang),
    // Only in a cycle with the four good criteria: "N of M cells achieved four good".
    ...(report.fourGoodCells ? [{ text: l.fourGoodCells(report.fourGoodCells.achieved, report.fourGoodCells.total), margin: [0, 4, 0, 0] as [number, number, number, number] }] : []),
    { text: `3. ${l.childrenTable}`, style: 'heading' },
    doc.children.length === 0 ? { text: l.noChildren, italics: true } : childrenTable(doc, l, lang),
    { text: `4. ${l.remediationPlans}: ${report.remediationPlans}`, style: 'heading' },
    { text: `5. ${l.summary}`, style: 'heading' },
    { text: report.summary ?? '—' },
    {
      text: report.submittedAt ? l.submitted(`${doc.submitterName} (${report.submittedBy})`, formatDate(report.submittedAt)) : l.notSubmitted,
      margin: [0, 12, 0, 0],
    },
    {
      columns: [
        { width: '*', text: '' },
        {
          width: 220,
          alignment: 'center',
          stack: [{ text: l.signaturePlace, italics: true }, { text: l.signatureRole, bold: true, margin: [0, 4, 0, 0] }, { text: l.signatureHint, italics: true }, { text: ' ', margin: [0, 60, 0, 0] }],
        },
      ],
      margin: [0, 16, 0, 0],
      unbreakable: true,
    },
  ];
  return renderPdf({
    info: { title: `${l.reportTitle(cycle.year, cycle.period)} — ${unit.name}` },
    content,
    styles: { title: { fontSize: 13, bold: true, alignment: 'center', margin: [0, 16, 0, 12] }, heading: { bold: true, margin: [0, 10, 0, 4] } },
  });
}

function classificationTable(counts: ReportDocument['report']['people'], l: DocumentLabels, lang: DocumentLang): Content {
  const header: TableCell[] = [l.classificationHeader, l.count, l.share].map((text) => ({ text, bold: true }));
  const rows = classificationLines(counts, l).map((line): TableCell[] => [line.label, { text: String(line.count), alignment: 'right' }, { text: formatPercent(line.percent, lang), alignment: 'right' }]);
  return { table: { headerRows: 1, widths: ['*', 70, 70], body: [header, ...rows] } };
}

/** One row per sub-unit: its status and the people it reported per classification. */
function childrenTable(doc: ReportDocument, l: DocumentLabels, lang: DocumentLang): Content {
  const short = lang === 'vi' ? ['XS', 'Tốt', 'HT', 'KHT'] : ['Exc.', 'Good', 'Comp.', 'Not'];
  const header: TableCell[] = [l.unit, l.status, ...short, l.total, l.goodOrBetter, l.units].map((text) => ({ text, bold: true, fontSize: 8 }));
  const rows = doc.children.map((child): TableCell[] => [
    child.name ?? child.unitId,
    l.reportStatus[child.status] ?? child.status,
    ...CLASSIFICATIONS.map((c) => ({ text: String(child.people[c]), alignment: 'right' as const })),
    { text: String(child.people.total), alignment: 'right' },
    { text: formatPercent(reportShares(child.people).goodOrBetter.percent, lang), alignment: 'right' },
    { text: String(child.units.total), alignment: 'right' },
  ]);
  return { table: { headerRows: 1, widths: ['*', 60, 28, 28, 28, 28, 32, 52, 36], body: [header, ...rows] }, fontSize: 9 };
}
