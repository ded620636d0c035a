import { defineSignal, defineUpdate } from '@temporalio/workflow';

/** Adds one and answers the new value: the cheapest update round trip. */
export const incrementUpdate = defineUpdate<number>('increment');
export const finishSignal = defineSignal('finish');
