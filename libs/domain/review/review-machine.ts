import type { CycleCalendar } from '../calendar.js';
import type { TaskKind } from '../enums.js';
import { isAbove, type Classification } from '../classification.js';
import { ConflictError, ErrorCode, RuleViolationError, ValidationError, type FieldError } from '../errors.js';
import type { SubjectPlan } from '../org/subject-plan.js';
import type { SubjectFacts } from '../rules/conditions.js';
import type { RuleSetId } from '../rules/rule-set.js';
import { checkFourGoodRating, fourGoodResult, type CellCriteriaSet } from '../rules/four-good-cells.js';
import { DEFAULT_COMPLETION } from '../rules/timeliness.js';
import { computeScore } from '../score.js';
import type {
  AssignTargetsCommand,
  DecideRemediationCommand,
  ReassignReviewCommand,
  ReviewCommand,
  SubmitRemediationPlanCommand,
  SubmitReviewCommand,
  SubmitSelfAssessmentCommand,
  WithdrawReviewCommand,
} from './review-commands.js';
import { record, ruleChecks, ruleSetOf, throwIfBroken, withTask, type DecideOptions, type Transition } from './transition.js';
import { awaitCommittee, awaitsCommittee, committeeHandover, decideCommitteeReview, requireNotAwaitingCommittee } from './committee-review.js';
export type { DecideOptions, Transition } from './transition.js';
import { checkResultsCoverTargets, checkTargetWeights } from './review-content-checks.js';
import { requireActor, requireOpen, requireStep, requireTaskOpened } from './review-guards.js';
import type { ReviewState } from './review-state.js';


export interface LaunchInput {
  reviewId: string;
  cycleId: string;
  workflowId: string;
  plan: SubjectPlan;
  ruleSetId: RuleSetId;
  /** The version the cycle records; absent: version 1. */
  ruleSetVersion?: number;
  calendar: CycleCalendar;
  launchedBy: string;
  /** What the conditions read; reviews launched with facts are bounded by bands and conditions. */
  facts?: SubjectFacts;
  /** The decider one level up, when the rule set asks for a deciding review. */
  deciderId?: string | null;
  /** The criteria set the approval rates (cellCriteriaFor: a cell's collective review in a cycle with one). */
  cellCriteria?: CellCriteriaSet;
  /** The managing unit's committee head, when the registry flags the subject (standing-committee-review-v1). */
  committee?: { unitId: string; reviewerId: string } | null;
  /** The cycle sweeps the notices (cycles.notice_sweep). */
  noticeSweep?: boolean;
}

/** A new review, waiting for its reviewer to assign targets. */
export function launchReview(input: LaunchInput, at: string): Transition {
  const { plan } = input;
  const base: ReviewState = {
    reviewId: input.reviewId,
    cycleId: input.cycleId,
    workflowId: input.workflowId,
    subject: { type: plan.subjectType, id: plan.subjectId, name: plan.subjectName },
    unitId: plan.unitId,
    ownerUnitId: plan.ownerUnitId,
    decidingUnitId: plan.decidingUnitId,
    reviewerId: plan.reviewerId,
    selfActorId: plan.selfActorId,
    ruleSetId: input.ruleSetId,
    ...(input.ruleSetVersion !== undefined ? { ruleSetVersion: input.ruleSetVersion } : {}),
    calendar: input.calendar,
    calendarTimed: true,
    ...(input.noticeSweep ? { noticeSweep: true } : {}),
    status: 'open',
    step: 'target_assignment',
    targets: null,
    selfAssessment: null,
    review: null,
    remediationPlan: null,
    classification: null,
    score: null,
    task: null,
    seq: 0,
    launchedAt: at,
    updatedAt: at,
    ...(input.facts ? { facts: input.facts } : {}),
    ...(input.deciderId ? { deciding: { deciderId: input.deciderId, proposerId: plan.reviewerId, proposal: null } } : {}),
    ...(input.cellCriteria ? { cellCriteria: input.cellCriteria } : {}),
    ...(input.committee ? { committee: { ...input.committee, status: 'waiting' as const, decision: null } } : {}),
  };
  return record(base, withTask(base, 'assign_targets', base.reviewerId, 1, at), input.launchedBy, 'review.launched', at, {
    reviewerId: plan.reviewerId,
    selfActorId: plan.selfActorId,
    ruleSetId: input.ruleSetId,
    ...(base.ruleSetVersion !== undefined ? { ruleSetVersion: base.ruleSetVersion } : {}),
    ...(base.facts ? { facts: base.facts } : {}),
    ...(base.deciding ? { deciderId: base.deciding.deciderId } : {}),
    ...(base.cellCriteria ? { cellCriteria: base.cellCriteria } : {}),
    ...(base.committee ? { committeeReviewerId: base.committee.reviewerId, committeeUnitId: base.committee.unitId } : {}),
  });
}


/** Applies a person's action to a review, or throws the domain error that refuses it. */
export function decide(state: ReviewState, command: ReviewCommand, at: string, options: DecideOptions = {}): Transition {
  requireActor(state, command.kind, command.actorId);
  requireOpen(state);
  switch (command.kind) {
    case 'assign_targets':
      return assignTargets(state, command, at);
    case 'submit_self_assessment':
      return submitSelfAssessment(state, command, at, options);
    case 'submit_review':
      return submitReview(state, command, at, options);
    case 'submit_remediation_plan':
      return submitRemediationPlan(state, command, at);
    case 'decide_remediation':
      return decideRemediation(state, command, at);
    case 'committee_review':
      return decideCommitteeReview(state, command, at, options);
  }
}

/** Ends an open review because its cycle was cancelled. */
export function cancelReview(state: ReviewState, actorId: string, reason: string, at: string): Transition {
  requireOpen(state);
  return record(state, { ...state, status: 'cancelled', task: null }, actorId, 'review.cancelled', at, { reason });
}

/** The reviewer's tasks; every other task belongs to the subject side. */
const REVIEWER_TASKS: readonly TaskKind[] = ['assign_targets', 'review', 'decide_remediation'];

/**
 * Moves an open review to the people and units the registry names now. Steps already done keep
 * who did them; the open task goes to its new assignee (a new task, the old one closes). Returns
 * null when the review already matches, so a repeated delivery records nothing.
 */
export function reassignReview(state: ReviewState, command: ReassignReviewCommand, at: string): Transition | null {
  requireOpen(state);
  // Refused by the unit named: the review stays where it is waited for, as it is now (not as planned).
  if (command.owner === 'kept') command = { ...command, ownerUnitId: state.ownerUnitId, decidingUnitId: state.decidingUnitId };
  const keys = ['reviewerId', 'selfActorId', 'unitId', 'ownerUnitId', 'decidingUnitId'] as const;
  const committee = committeeHandover(state, command);
  if (keys.every((k) => state[k] === command[k]) && !committee) return null;
  const from = { ...Object.fromEntries(keys.map((k) => [k, state[k]])), ...(committee ? { committeeReviewerId: state.committee!.reviewerId } : {}) };
  const to = { ...Object.fromEntries(keys.map((k) => [k, command[k]])), ...(committee ? { committeeReviewerId: committee.reviewerId } : {}) };
  let next: ReviewState = { ...state, ...Object.fromEntries(keys.map((k) => [k, command[k]])), ...(committee ? { committee } : {}) };
  const task = state.task;
  if (task) {
    // The committee's task is the managing unit's head's, whoever reviews the subject now.
    const assigneeId = awaitsCommittee(state) ? next.committee!.reviewerId : REVIEWER_TASKS.includes(task.kind) ? command.reviewerId : command.selfActorId;
    if (assigneeId !== task.assigneeId) next = withTask(next, task.kind, assigneeId, state.seq + 1, at);
  }
  return record(state, next, command.actorId, 'review.reassigned', at, { from, to, reason: command.reason });
}

/** Ends an open review because its subject was struck off the registry; it counts nowhere. */
export function withdrawReview(state: ReviewState, command: WithdrawReviewCommand, at: string): Transition {
  requireOpen(state);
  return record(state, { ...state, status: 'withdrawn', task: null }, command.actorId, 'review.withdrawn', at, { reason: command.reason });
}

function assignTargets(state: ReviewState, command: AssignTargetsCommand, at: string): Transition {
  requireStep(state, 'target_assignment', 'assign targets');
  throwIfAny(checkTargetWeights(command.targets));
  const targets = command.targets.map((t) => ({ title: t.title, description: t.description ?? null, weight: t.weight ?? null, dueDate: t.dueDate ?? null }));
  const next = { ...state, step: 'self_assessment' as const, targets };
  return record(state, withTask(next, 'self_assess', state.selfActorId, state.seq + 1, at), command.actorId, 'targets.assigned', at, { targets });
}

function submitSelfAssessment(state: ReviewState, command: SubmitSelfAssessmentCommand, at: string, options: DecideOptions): Transition {
  requireStep(state, 'self_assessment', 'submit the self-assessment');
  requireTaskOpened(state, at);
  const targets = state.targets ?? [];
  const scored = ruleSetOf(state).scored;
  const errors = checkResultsCoverTargets(command.results, targets);
  const generalScore = command.generalScore ?? null;
  if (scored && generalScore === null) errors.push({ path: 'generalScore', message: `required under ${state.ruleSetId}` });
  if (!scored && generalScore !== null) errors.push({ path: 'generalScore', message: `${state.ruleSetId} has no score; leave it out` });
  throwIfAny(errors);
  const results = command.results.map((r) => ({
    targetIndex: r.targetIndex,
    achievement: r.achievement,
    comment: r.comment ?? null,
    completion: r.completion ?? DEFAULT_COMPLETION,
  }));
  const score = scored ? computeScore(generalScore!, targets, results) : null;
  throwIfBroken(ruleChecks(state, score, results, command.proposedClassification, 'proposedClassification', options));
  const selfAssessment = {
    results,
    generalScore,
    proposedClassification: command.proposedClassification,
    summary: command.summary,
    submittedAt: at,
    submittedBy: command.actorId,
  };
  const next = { ...state, step: 'superior_review' as const, selfAssessment, score };
  return record(state, withTask(next, 'review', state.reviewerId, state.seq + 1, at), command.actorId, 'self_assessment.submitted', at, {
    ...selfAssessment,
    score,
  });
}

function submitReview(state: ReviewState, command: SubmitReviewCommand, at: string, options: DecideOptions): Transition {
  requireStep(state, 'superior_review', 'review');
  requireNotAwaitingCommittee(state);
  const ruleSet = ruleSetOf(state);
  const generalScore = command.generalScore ?? null;
  const errors: FieldError[] = [];
  if (command.decision === 'approve' && !command.classification) {
    errors.push({ path: 'classification', message: 'required when the decision is approve' });
  }
  if (command.decision === 'return' && command.classification) {
    errors.push({ path: 'classification', message: 'only given when the decision is approve' });
  }
  if (!ruleSet.scored && generalScore !== null) errors.push({ path: 'generalScore', message: `${state.ruleSetId} has no score; leave it out` });
  errors.push(...checkFourGoodRating(state.cellCriteria, command.decision, command.fourGood));
  throwIfAny(errors);

  const decision = {
    decision: command.decision,
    classification: command.classification ?? null,
    generalScore,
    comment: command.comment,
    shortcomings: command.shortcomings ?? [],
    reviewerId: command.actorId,
    decidedAt: at,
    // Only on reviews with the set (checked above): other reviews' decisions stay as they were.
    ...(command.fourGood ? { fourGood: fourGoodResult(command.fourGood) } : {}),
  };
  if (command.decision === 'return') {
    // A return by the decider starts the deciding review over: the proposer reviews again.
    const deciding = state.deciding ? { ...state.deciding, proposal: null } : undefined;
    const back = deciding ? { reviewerId: deciding.proposerId, deciding } : {};
    const next = { ...state, ...back, step: 'self_assessment' as const, review: decision };
    return record(state, withTask(next, 'self_assess', state.selfActorId, state.seq + 1, at), command.actorId, 'review.returned', at, decision);
  }

  const self = state.selfAssessment!;
  const score = ruleSet.scored ? computeScore(generalScore ?? self.generalScore!, state.targets ?? [], self.results) : null;
  const classification = command.classification!;
  throwIfBroken(ruleChecks(state, score, self.results, classification, 'classification', options));
  if (state.deciding && state.deciding.proposal === null) {
    // The proposer's approval is a proposal: the decider one level up decides, in the same step.
    const deciding = { ...state.deciding, proposal: decision };
    const next = withTask({ ...state, deciding, reviewerId: deciding.deciderId, score }, 'review', deciding.deciderId, state.seq + 1, at);
    return record(state, next, command.actorId, 'review.proposed', at, { ...decision, score, deciderId: deciding.deciderId });
  }
  // A subject managed by a higher unit's committee: its head has the last word on the classification.
  if (state.committee?.status === 'waiting') return awaitCommittee(state, decision, score, at);
  const needsPlan = ruleSet.remediationFor.includes(classification) || decision.shortcomings.length > 0;
  const approved = { ...state, review: decision, classification, score };
  const next = needsPlan
    ? withTask({ ...approved, step: 'remediation_plan' as const }, 'submit_remediation', state.selfActorId, state.seq + 1, at)
    : { ...approved, step: 'done' as const, status: 'done' as const, task: null };
  return record(state, next, command.actorId, 'review.approved', at, { ...decision, score, remediationRequired: needsPlan });
}

function submitRemediationPlan(state: ReviewState, command: SubmitRemediationPlanCommand, at: string): Transition {
  requireStep(state, 'remediation_plan', 'submit the remediation plan');
  if (state.remediationPlan?.status === 'submitted') {
    throw new ConflictError(ErrorCode.WrongStep, 'A remediation plan is already waiting for the reviewer’s decision.');
  }
  const remediationPlan = {
    items: command.items.map((i) => ({ action: i.action, dueDate: i.dueDate })),
    status: 'submitted' as const,
    submittedAt: at,
    submittedBy: command.actorId,
    decisionComment: null,
    decidedAt: null,
    decidedBy: null,
  };
  const next = withTask({ ...state, remediationPlan }, 'decide_remediation', state.reviewerId, state.seq + 1, at);
  return record(state, next, command.actorId, 'remediation.submitted', at, { items: remediationPlan.items });
}

function decideRemediation(state: ReviewState, command: DecideRemediationCommand, at: string): Transition {
  requireStep(state, 'remediation_plan', 'decide on the remediation plan');
  if (state.remediationPlan?.status !== 'submitted') {
    throw new ConflictError(ErrorCode.WrongStep, 'There is no submitted remediation plan to decide on yet.');
  }
  const comment = command.comment ?? null;
  const decided = { ...state.remediationPlan, decisionComment: comment, decidedAt: at, decidedBy: command.actorId };
  if (command.decision === 'return') {
    const next = withTask({ ...state, remediationPlan: { ...decided, status: 'returned' as const } }, 'submit_remediation', state.selfActorId, state.seq + 1, at);
    return record(state, next, command.actorId, 'remediation.returned', at, { comment });
  }
  const next = { ...state, remediationPlan: { ...decided, status: 'approved' as const }, step: 'done' as const, status: 'done' as const, task: null };
  return record(state, next, command.actorId, 'remediation.approved', at, { comment });
}

export interface ReclassifyCommand {
  actorId: string;
  classification: Classification;
  comment: string;
  /** The request's idempotency key, recorded so a retried activity recognises its own event. */
  requestId: string;
  /**
   * The workflow that will run a remediation plan the lowered class requires; absent, the review
   * stays done (units calibrating before plans were required on reclassification).
   */
  planWorkflowId?: string;
}

/** Calibration: the deciding unit's head lowers a done review's classification to fit the quota. */
export function reclassifyReview(state: ReviewState, command: ReclassifyCommand, at: string): Transition {
  if (state.status !== 'done' || state.classification === null) {
    throw new ConflictError(ErrorCode.WrongStep, `Only a done review can be reclassified; this one is ${state.status} in step '${state.step}'.`);
  }
  if (!isAbove(state.classification, command.classification)) {
    throw new RuleViolationError(`calibration only lowers: ${command.classification} is not below ${state.classification}`, [
      { path: 'classification', message: `must be below the current ${state.classification}` },
    ]);
  }
  const from = state.classification;
  const lowered = { ...state, classification: command.classification };
  // Every subject classified completed or not completed drafts a plan: one lowered into those
  // classes without an approved plan goes back to the remediation step, in a new run.
  const needsPlan = ruleSetOf(state).remediationFor.includes(command.classification) && state.remediationPlan?.status !== 'approved';
  const next =
    needsPlan && command.planWorkflowId
      ? withTask({ ...lowered, workflowId: command.planWorkflowId, status: 'open' as const, step: 'remediation_plan' as const, remediationPlan: null }, 'submit_remediation', state.selfActorId, state.seq + 1, at)
      : lowered;
  return record(state, next, command.actorId, 'review.reclassified', at, {
    from,
    classification: command.classification,
    comment: command.comment,
    requestId: command.requestId,
    ...(next.status === 'open' ? { remediationRequired: true, workflowId: next.workflowId } : {}),
  });
}







function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}
