import { AssignmentRole } from '@app/plans';
import { TaskStatus } from '@app/tasks';
import { AttainmentStatus } from '../indicators/attainment.js';

/** The words Chinese ledgers use for the API's enum values. */
export const STATUS_NAME: Record<TaskStatus, string> = {
  [TaskStatus.NOT_STARTED]: '未启动',
  [TaskStatus.IN_PROGRESS]: '推进中',
  [TaskStatus.PENDING_REVIEW]: '待审核',
  [TaskStatus.COMPLETED]: '已完成',
  [TaskStatus.CANCELLED]: '已取消',
};

export const ROLE_NAME: Record<AssignmentRole, string> = {
  [AssignmentRole.LEAD]: '牵头',
  [AssignmentRole.COOPERATING]: '配合',
  [AssignmentRole.RESPONSIBLE]: '责任',
};

export const LEVEL_NAME = ['', '临期提醒', '逾期预警', '督办', '纳入考核'];

export const ATTAINMENT_NAME: Record<AttainmentStatus, string> = {
  [AttainmentStatus.ON_TRACK]: '达标/按进度',
  [AttainmentStatus.AT_RISK]: '进度滞后',
  [AttainmentStatus.OFF_TRACK]: '未达标',
  [AttainmentStatus.UNKNOWN]: '无法判断',
};

/** `attachment` with the Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(name: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
