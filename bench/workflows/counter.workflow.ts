import { condition, setHandler } from '@temporalio/workflow';
import { finishSignal, incrementUpdate } from './bench-definitions.js';

/** Answers `increment` updates until it is told to finish. */
export async function counterWorkflow(): Promise<number> {
  let count = 0;
  let finished = false;
  setHandler(incrementUpdate, () => ++count);
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
  return count;
}
