import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import { percentOf, type ClassificationCounts } from '../../../libs/domain/report-counts.js';
import type { DocumentLabels } from './document-labels.js';

/** One line of a classification table: a label, a count and its share in percent (two decimals). */
export interface ClassificationLine {
  label: string;
  count: number;
  percent: number;
}

/** "Well completed or better": excellent + good, the figure the reports upward quote first. */
export function goodOrBetter(counts: ClassificationCounts): number {
  return counts.excellent + counts.good;
}

/** The four classifications, then "good or better", then the total: the same figures in the PDF and the XLSX. */
export function classificationLines(counts: ClassificationCounts, labels: DocumentLabels): ClassificationLine[] {
  return [
    ...CLASSIFICATIONS.map((c) => ({ label: labels.classification[c], count: counts[c], percent: percentOf(counts[c], counts.total) })),
    { label: labels.goodOrBetter, count: goodOrBetter(counts), percent: percentOf(goodOrBetter(counts), counts.total) },
    { label: labels.total, count: counts.total, percent: counts.total === 0 ? 0 : 100 },
  ];
}
