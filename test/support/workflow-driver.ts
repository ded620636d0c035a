import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Classification } from '../../libs/domain/classification.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import {
  assignTargetsUpdate,
  committeeReviewUpdate,
  decideRemediationUpdate,
  submitRemediationPlanUpdate,
  submitReportUpdate,
  submitReviewUpdate,
  submitSelfAssessmentUpdate,
} from '../../libs/temporal/definitions.js';
import { unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import type { FourGoodRating } from '../../libs/domain/rules/four-good-cells.js';

const ALL_ACHIEVED: FourGoodRating = { politicalTasks: 'achieved', activityQuality: 'achieved', solidarityDiscipline: 'achieved', cadresAndMembers: 'achieved' };

/** Drives review and unit workflows with Temporal Updates, as the API does, and reads their projections. */
export class WorkflowDriver {
  constructor(
    private readonly temporal: Client,
    private readonly db: DataSource,
  ) {}

  async reviews(cycleId: string): Promise<ReviewState[]> {
    const rows: Array<{ state: ReviewState }> = await this.db.query('SELECT state FROM reviews WHERE cycle_id = $1 ORDER BY subject_type, subject_id', [cycleId]);
    return rows.map((r) => r.state);
  }

  async review(cycleId: string, subjectId: string): Promise<ReviewState> {
    const found = (await this.reviews(cycleId)).find((r) => r.subject.id === subjectId);
    assert.ok(found, `no review for ${subjectId}`);
    return found;
  }

  handle(state: Pick<ReviewState, 'workflowId'>) {
    return this.temporal.workflow.getHandle(state.workflowId);
  }

  assignTargets(state: ReviewState, actorId = state.reviewerId) {
    return this.handle(state).executeUpdate(assignTargetsUpdate, { args: [{ actorId, targets: [{ title: 'Year plan', weight: 60 }, { title: 'Training', weight: 40 }] }] });
  }

  selfAssess(state: ReviewState, proposed: Classification = 'good', actorId = state.selfActorId) {
    return this.handle(state).executeUpdate(submitSelfAssessmentUpdate, {
      // Excellent needs a score of 90 or more under reg 366: full marks; anything else scores 86.3.
      args: [{ actorId, results: proposed === 'excellent' ? [{ targetIndex: 0, achievement: 100 }, { targetIndex: 1, achievement: 100 }] : [{ targetIndex: 0, achievement: 95 }, { targetIndex: 1, achievement: 80 }], generalScore: proposed === 'excellent' ? 30 : 25, proposedClassification: proposed, summary: 'As planned' }],
    });
  }

  /** A cell's collective review in a cycle with the four good criteria is rated too (all four achieved unless told). */
  approve(state: ReviewState, classification: Classification, shortcomings: string[] = [], fourGood: FourGoodRating | undefined = state.cellCriteria ? ALL_ACHIEVED : undefined) {
    return this.handle(state).executeUpdate(submitReviewUpdate, {
      args: [{ actorId: state.reviewerId, decision: 'approve', classification, comment: 'Agreed', shortcomings, ...(fourGood ? { fourGood } : {}) }],
    });
  }

  returnForRevision(state: ReviewState, comment = 'Please add evidence') {
    return this.handle(state).executeUpdate(submitReviewUpdate, { args: [{ actorId: state.reviewerId, decision: 'return', comment }] });
  }

  submitPlan(state: ReviewState) {
    return this.handle(state).executeUpdate(submitRemediationPlanUpdate, { args: [{ actorId: state.selfActorId, items: [{ action: 'Fix the records', dueDate: '2027-03-31' }] }] });
  }

  decidePlan(state: ReviewState, decision: 'approve' | 'return') {
    return this.handle(state).executeUpdate(decideRemediationUpdate, { args: [{ actorId: state.reviewerId, decision, comment: decision === 'return' ? 'Too vague' : null }] });
  }

  /** The managing unit's head confirms the approved classification, or changes it to the one given. */
  committeeReview(state: ReviewState, classification?: Classification) {
    const decision = classification ? { decision: 'change' as const, classification } : { decision: 'confirm' as const };
    return this.handle(state).executeUpdate(committeeReviewUpdate, { args: [{ actorId: state.committee!.reviewerId, ...decision, comment: 'The standing committee reviewed it' }] });
  }

  /** Targets → self-assessment → approval (→ plan approved when required). */
  async complete(state: ReviewState, classification: Classification = 'good'): Promise<ReviewState> {
    await this.assignTargets(state);
    await this.selfAssess(state, classification);
    let next = await this.approve(state, classification);
    if (next.step === 'remediation_plan') {
      await this.submitPlan(state);
      next = await this.decidePlan(state, 'approve');
    }
    return next;
  }

  submitReport(cycleId: string, unitId: string, actorId: string, summary = 'Report of the year') {
    return this.temporal.workflow.getHandle(unitWorkflowId(cycleId, unitId)).executeUpdate(submitReportUpdate, { args: [{ actorId, summary }] });
  }

  async reportStatus(cycleId: string, unitId: string): Promise<string | undefined> {
    const [row]: Array<{ status: string }> = await this.db.query('SELECT status FROM reports WHERE cycle_id = $1 AND unit_id = $2', [cycleId, unitId]);
    return row?.status;
  }
}
