import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Classification } from '../../../libs/domain/classification.js';
import type { ReviewDecision } from '../../../libs/domain/review/review-state.js';
import { formatDate, formatDateTime, type DocumentLang } from './document-format.js';
import { labelsFor } from './document-labels.js';
import { renderPdf } from './pdf-render.js';
import type { ReviewRecord } from './review-record.service.js';
import { recordLabelsFor } from './review-record-labels.js';

/** One review's record on A4: targets and results, scores, proposal, decisions, plan, history. */
export function reviewRecordPdf(record: ReviewRecord, lang: DocumentLang): Promise<Buffer> {
  const l = recordLabelsFor(lang);
  const classes = labelsFor(lang).classification;
  const { review } = record;
  const who = (id: string | null | undefined) => (id ? `${record.names.get(id) ?? id} (${id})` : '—');
  const classOf = (c: Classification | null | undefined) => (c ? classes[c] : '—');
  const field = (label: string, value: string | number | null | undefined): Content => ({ text: [{ text: `${label}: `, bold: true }, value === null || value === undefined || value === '' ? '—' : String(value)] });
  const heading = (text: string): Content => ({ text, bold: true, margin: [0, 10, 0, 4] });
  const results = new Map((review.selfAssessment?.results ?? []).map((r) => [r.targetIndex, r]));

  const decision = (d: ReviewDecision): Content[] => [
    field(l.decision, `${l.decisions[d.decision] ?? d.decision} — ${l.by} ${who(d.reviewerId)}, ${formatDateTime(d.decidedAt)}`),
    field(l.classification, classOf(d.classification)),
    ...(d.generalScore === null ? [] : [field(l.generalScore, d.generalScore)]),
    field(l.comment, d.comment),
    ...(d.shortcomings.length ? [field(l.shortcomings, d.shortcomings.join('; '))] : []),
  ];

  const content: Content[] = [
    { text: l.title, fontSize: 13, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
    field(l.subject, `${review.subject.name} (${review.subject.id})`),
    field(l.unit, `${record.unitName ?? review.unitId} (${review.unitId})`),
    field(l.cycle, record.cycle ? `${record.cycle.title} — ${record.cycle.year}` : review.cycleId),
    field(l.ruleSet, review.ruleSet),
    field(l.step, review.step),
    field(l.reviewer, who(review.reviewerId)),
    heading(`1. ${l.targets}`),
    review.targets?.length
      ? {
          table: {
            headerRows: 1,
            widths: ['*', 50, 60, '*'],
            body: [
              [l.target, l.weight, l.achievement, l.comment].map((text): TableCell => ({ text, bold: true })),
              ...review.targets.map((t, i): TableCell[] => [t.description ? { stack: [t.title, { text: t.description, italics: true, fontSize: 8 }] } : t.title, t.weight ?? '—', results.get(i)?.achievement ?? '—', results.get(i)?.comment ?? '']),
            ],
          },
        }
      : { text: l.none, italics: true },
    heading(`2. ${l.selfAssessment}`),
    ...(review.selfAssessment
      ? [
          field(l.generalScore, review.selfAssessment.generalScore),
          field(l.proposed, classOf(review.selfAssessment.proposedClassification)),
          field(l.summary, review.selfAssessment.summary),
          field(l.by, `${who(review.selfAssessment.submittedBy)}, ${formatDateTime(review.selfAssessment.submittedAt)}`),
        ]
      : [{ text: l.none, italics: true }]),
    field(l.score, review.score),
    heading(`3. ${l.review}`),
    ...(review.review ? decision(review.review) : [{ text: l.none, italics: true }]),
    ...(review.deciding
      ? [heading(`4. ${l.deciding}`), field(l.deciding, who(review.deciding.deciderId)), field(l.proposal, who(review.deciding.proposerId)), ...(review.deciding.proposal ? decision(review.deciding.proposal) : [])]
      : []),
    // The standing committee's extra review, when the registry flags the subject.
    ...(review.committee
      ? [
          heading(l.committee),
          field(l.reviewer, who(review.committee.reviewerId)),
          ...(review.committee.decision
            ? [
                field(l.decision, `${l.committeeOutcomes[review.committee.decision.decision] ?? review.committee.decision.decision} — ${l.by} ${who(review.committee.decision.reviewerId)}, ${formatDateTime(review.committee.decision.decidedAt)}`),
                field(l.committeeFrom, classOf(review.committee.decision.from)),
                field(l.comment, review.committee.decision.comment),
              ]
            : []),
        ]
      : []),
    field(l.classification, classOf(review.classification)),
    heading(`5. ${l.remediation}`),
    ...(review.remediationPlan
      ? [
          {
            table: {
              headerRows: 1,
              widths: ['*', 80],
              body: [[l.action, l.dueDate].map((text): TableCell => ({ text, bold: true })), ...review.remediationPlan.items.map((i): TableCell[] => [i.action, formatDate(i.dueDate)])],
            },
          } as Content,
          field(l.planStatus[review.remediationPlan.status] ?? review.remediationPlan.status, `${who(review.remediationPlan.decidedBy ?? review.remediationPlan.submittedBy)}${review.remediationPlan.decisionComment ? ` — ${review.remediationPlan.decisionComment}` : ''}`),
        ]
      : [{ text: l.none, italics: true }]),
    heading(`6. ${l.history}`),
    record.history
      ? {
          table: {
            headerRows: 1,
            widths: [20, 80, '*', '*'],
            body: [['#', l.time, l.actor, l.event].map((text): TableCell => ({ text, bold: true })), ...record.history.map((e): TableCell[] => [String(e.seq), formatDateTime(e.at), who(e.actorId), e.type])],
          },
          fontSize: 8,
        }
      : { text: l.historyHidden, italics: true },
  ];
  return renderPdf({ info: { title: `${l.title} — ${review.subject.name}` }, content });
}
