import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import type { ClassificationCounts } from '../../../libs/domain/report-counts.js';
import { reportShares } from '../../../libs/domain/report-shares.js';
import type { DocumentLabels } from './document-labels.js';

/** One line of a classification table: a label, a count and its share in percent (two decimals). */
export interface ClassificationLine {
  label: string;
  count: number;
  percent: number;
}

/**
 * The four classifications, then "good or better", then the total: the same figures in the PDF, the
 * XLSX and the JSON report, all from `reportShares` (parts sum to 100.00%).
 */
export function classificationLines(counts: ClassificationCounts, labels: DocumentLabels): ClassificationLine[] {
  const shares = reportShares(counts);
  return [
    ...CLASSIFICATIONS.map((c) => ({ label: labels.classification[c], count: counts[c], percent: shares.percentages[c] })),
    { label: labels.goodOrBetter, count: shares.goodOrBetter.count, percent: shares.goodOrBetter.percent },
    { label: labels.total, count: counts.total, percent: counts.total === 0 ? 0 : 100 },
  ];
}
