import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';

/** What the activities need from the outside world; the worker and the tests pass their own. */
export interface ActivityDeps {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  /** How many workflow starts or cancels one activity keeps in flight. */
  startConcurrency: number;
}
