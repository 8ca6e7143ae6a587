import { registerEnumType } from '@nestjs/graphql';

export enum TaskStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  PENDING_REVIEW = 'PENDING_REVIEW',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

export const CLOSED_STATUSES: readonly TaskStatus[] = [TaskStatus.COMPLETED, TaskStatus.CANCELLED];
