import { UserRole } from '@app/auth';
import { TaskStatus } from './task-status.js';

const { NOT_STARTED, IN_PROGRESS, PENDING_REVIEW, COMPLETED, CANCELLED } = TaskStatus;
const REVIEWERS = [UserRole.ADMIN, UserRole.SUPERVISOR];
const WORKERS = [UserRole.LIAISON, ...REVIEWERS];

/**
 * The task lifecycle: which status moves exist and who may make them. A liaison moves its
 * department's work up to PENDING_REVIEW; only the supervision office accepts (COMPLETED),
 * returns (IN_PROGRESS) or cancels.
 */
const MOVES: Record<TaskStatus, Partial<Record<TaskStatus, UserRole[]>>> = {
  [NOT_STARTED]: { [IN_PROGRESS]: WORKERS, [CANCELLED]: REVIEWERS },
  [IN_PROGRESS]: { [PENDING_REVIEW]: WORKERS, [CANCELLED]: REVIEWERS },
  [PENDING_REVIEW]: { [COMPLETED]: REVIEWERS, [IN_PROGRESS]: REVIEWERS, [CANCELLED]: REVIEWERS },
  [COMPLETED]: {},
  [CANCELLED]: {},
};

export type MoveVerdict = 'allowed' | 'illegal' | 'not-for-role';

export function judgeMove(from: TaskStatus, to: TaskStatus, role: UserRole): MoveVerdict {
  const who = MOVES[from][to];
  if (!who) return 'illegal';
  return who.includes(role) ? 'allowed' : 'not-for-role';
}

export function isOpen(status: TaskStatus): boolean {
  return status !== COMPLETED && status !== CANCELLED;
}
