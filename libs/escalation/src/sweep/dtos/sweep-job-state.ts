import { registerEnumType } from '@nestjs/graphql';

/** Where an on-demand sweep is: it runs on the worker queue, not in the API. */
export enum SweepJobState {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}

registerEnumType(SweepJobState, { name: 'SweepJobState' });
