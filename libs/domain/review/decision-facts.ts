import type { SubjectFacts } from '../rules/conditions.js';
import type { ReviewCommand } from './review-commands.js';
import { decide, type Transition } from './review-machine.js';
import type { ReviewState } from './review-state.js';

/**
 * The actions a rule set's conditions bound (a proposed or approved classification): they are
 * judged on the subject's facts as they stand when the action is taken, not as they stood at launch.
 */
export const FACT_BOUND_ACTIONS: ReadonlyArray<ReviewCommand['kind']> = ['submit_self_assessment', 'submit_review', 'committee_review'];

/**
 * Applies the action on the facts read just now. The review keeps them, and its history entry
 * names them (`data.facts`), so an auditor sees what the decision was judged on.
 */
export function decideOnFacts(state: ReviewState, command: ReviewCommand, facts: SubjectFacts, at: string): Transition {
  const transition = decide({ ...state, facts }, command, at);
  return { state: transition.state, event: { ...transition.event, data: { ...transition.event.data, facts } } };
}
