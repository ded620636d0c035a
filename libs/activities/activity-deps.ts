import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';

/** What the activities need from the outside world; the worker and the tests pass their own. */
export interface ActivityDeps {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  /** How many workflow starts or cancels one activity keeps in flight. */
  startConcurrency: number;
  /** How many reviews a bulk operation handles between checkpoints (200 unless a test says). */
  operationBatchSize?: number;
}
