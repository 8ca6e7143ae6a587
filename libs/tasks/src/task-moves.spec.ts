import { UserRole } from '@app/auth';
import { judgeMove } from './task-moves.js';
import { TaskStatus } from './task-status.js';

const S = TaskStatus;

describe('judgeMove', () => {
  it.each([
    [S.NOT_STARTED, S.IN_PROGRESS, UserRole.LIAISON, 'allowed'],
    [S.IN_PROGRESS, S.PENDING_REVIEW, UserRole.LIAISON, 'allowed'],
    [S.PENDING_REVIEW, S.COMPLETED, UserRole.LIAISON, 'not-for-role'],
    [S.PENDING_REVIEW, S.COMPLETED, UserRole.SUPERVISOR, 'allowed'],
    [S.PENDING_REVIEW, S.IN_PROGRESS, UserRole.SUPERVISOR, 'allowed'],
    [S.IN_PROGRESS, S.CANCELLED, UserRole.LIAISON, 'not-for-role'],
    [S.IN_PROGRESS, S.CANCELLED, UserRole.ADMIN, 'allowed'],
    [S.NOT_STARTED, S.COMPLETED, UserRole.SUPERVISOR, 'illegal'],
    [S.NOT_STARTED, S.PENDING_REVIEW, UserRole.LIAISON, 'illegal'],
    [S.COMPLETED, S.IN_PROGRESS, UserRole.ADMIN, 'illegal'],
    [S.CANCELLED, S.NOT_STARTED, UserRole.ADMIN, 'illegal'],
    [S.IN_PROGRESS, S.NOT_STARTED, UserRole.LIAISON, 'illegal'],
  ])('%s → %s by %s is %s', (from, to, role, verdict) => {
    expect(judgeMove(from, to, role)).toBe(verdict);
  });
});
