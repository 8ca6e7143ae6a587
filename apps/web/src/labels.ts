/** Chinese names for the API's enums and levels, one place for the whole console. */

export const TASK_STATUS: Record<string, { text: string; color: string }> = {
  NOT_STARTED: { text: '未开始', color: 'default' },
  IN_PROGRESS: { text: '进行中', color: 'processing' },
  PENDING_REVIEW: { text: '待审核', color: 'purple' },
  COMPLETED: { text: '已完成', color: 'success' },
  CANCELLED: { text: '已取消', color: 'default' },
};

export const ROLE_IN_MEASURE: Record<string, { text: string; color: string }> = {
  LEAD: { text: '牵头', color: 'blue' },
  COOPERATING: { text: '配合', color: 'cyan' },
  RESPONSIBLE: { text: '负责', color: 'geekblue' },
};

/** How the importer found an assignment (Assignment.source), in the words a reviewer reads. */
export const ASSIGNMENT_SOURCE: Record<string, string> = {
  LIST: '名单列明',
  PROSE: '正文提及',
  PLAN_DEFAULT: '未列明，由规划牵头单位负责',
  FAN_OUT: '各区县分解',
};

export const ESCALATION: Record<number, { text: string; color: string }> = {
  1: { text: '临期提醒', color: 'gold' },
  2: { text: '逾期预警', color: 'orange' },
  3: { text: '督办', color: 'red' },
  4: { text: '纳入考核', color: 'magenta' },
};

export const PLAN_STATUS: Record<string, { text: string; color: string }> = {
  DRAFT: { text: '草稿', color: 'gold' },
  PUBLISHED: { text: '已发布', color: 'green' },
  ARCHIVED: { text: '已归档', color: 'default' },
};

export const EXTENSION_STATUS: Record<string, { text: string; color: string }> = {
  PENDING: { text: '待审批', color: 'processing' },
  APPROVED: { text: '已批准', color: 'success' },
  REJECTED: { text: '未批准', color: 'error' },
};

export const NOTICE_STATUS: Record<string, { text: string; color: string }> = {
  ISSUED: { text: '待反馈', color: 'red' },
  RESPONDED: { text: '已反馈', color: 'processing' },
  CLOSED: { text: '已办结', color: 'success' },
};

/** What a notification (or an e-mail or webhook delivery) announces. */
export const NOTIFICATION_KIND: Record<string, { text: string; color: string }> = {
  ESCALATION_1: { text: '临期提醒', color: 'gold' },
  ESCALATION_2: { text: '逾期预警', color: 'orange' },
  ESCALATION_3: { text: '督办', color: 'red' },
  ESCALATION_4: { text: '纳入考核', color: 'magenta' },
  REPORT_MISSING: { text: '报送提醒', color: 'blue' },
  NOTICE_ISSUED: { text: '督办单', color: 'red' },
  NOTICE_RESPONDED: { text: '整改反馈', color: 'green' },
  TASKS_PUBLISHED: { text: '任务下达', color: 'blue' },
  TASK_ACCEPTED: { text: '审核通过', color: 'green' },
  TASK_RETURNED: { text: '任务退回', color: 'orange' },
  EXTENSION_APPROVED: { text: '延期批准', color: 'green' },
  EXTENSION_REJECTED: { text: '延期未批准', color: 'orange' },
  DUE_DATE_MOVED: { text: '期限调整', color: 'purple' },
  CALENDAR_UNKNOWN_YEAR: { text: '节假日安排', color: 'default' },
};

export const USER_ROLE: Record<string, string> = {
  ADMIN: '管理员',
  SUPERVISOR: '督查室',
  LEADER: '领导',
  LIAISON: '联络员',
};

/**
 * An instant as Asia/Shanghai wall-clock time, `YYYY-MM-DDTHH:mm:ss.sssZ` (the Z is meaningless here).
 * China Standard Time is UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact; and
 * unlike Intl.DateTimeFormat with a timeZone, it costs nothing the first time (Chromium loads its time-zone
 * data then: ~50 ms, felt when the matrix's drill-down first opens).
 */
function inShanghai(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString();
}

/** Today's date in the Asia/Shanghai calendar, YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return inShanghai(now).slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** e.g. 2025-06-30 → 2025年6月30日 */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** e.g. 2025/06/30 14:05, in Asia/Shanghai time (as zh-CN Intl formats it). */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const s = inShanghai(new Date(instant));
  return `${s.slice(0, 4)}/${s.slice(5, 7)}/${s.slice(8, 10)} ${s.slice(11, 16)}`;
}

/** How a due date reads today: 逾期 12 天 / 今天到期 / 剩余 5 天. */
export function dueText(dueDate: string, today = todayInShanghai()): string {
  const days = daysBetween(today, dueDate);
  if (days < 0) return `逾期 ${-days} 天`;
  if (days === 0) return '今天到期';
  return `剩余 ${days} 天`;
}

/** 行政区划层级, in the order a tree descends. */
export const JURISDICTION_LEVEL: Record<string, string> = {
  NATION: '国家',
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县级',
  DISTRICT: '区',
  TOWNSHIP: '乡镇',
};
