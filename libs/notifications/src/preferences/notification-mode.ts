import { registerEnumType } from '@nestjs/graphql';
import { UserRole } from '@app/auth';

/** How a user takes the messages of one kind: each at once, or gathered into one a day (每日汇总). */
export enum NotificationMode {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_DIGEST = 'DAILY_DIGEST',
}

registerEnumType(NotificationMode, { name: 'NotificationMode' });

/** Without a preference leaders get a daily digest (they asked for fewer, grouped messages), others each at once. */
export function defaultMode(role: UserRole): NotificationMode {
  return role === UserRole.LEADER ? NotificationMode.DAILY_DIGEST : NotificationMode.IMMEDIATE;
}

/** The same default in SQL, for the fan-out. */
export function defaultModeSql(roleColumn: string): string {
  return `CASE WHEN ${roleColumn} = '${UserRole.LEADER}' THEN '${NotificationMode.DAILY_DIGEST}' ELSE '${NotificationMode.IMMEDIATE}' END`;
}

/** The kinds the console offers a choice for; a preference may name any kind (future ones included). */
export const NOTIFICATION_KINDS = [
  'ESCALATION_1',
  'ESCALATION_2',
  'ESCALATION_3',
  'ESCALATION_4',
  'REPORT_MISSING',
  'NOTICE_ISSUED',
  'NOTICE_RESPONDED',
  // The office's decisions on a department's work (libs/supervision task news).
  'TASKS_PUBLISHED',
  'TASK_ACCEPTED',
  'TASK_RETURNED',
  'EXTENSION_APPROVED',
  'EXTENSION_REJECTED',
  'DUE_DATE_MOVED',
  'CALENDAR_UNKNOWN_YEAR',
] as const;
