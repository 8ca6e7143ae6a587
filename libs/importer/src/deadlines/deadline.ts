// Deadlines named in a measure's text (Asia/Shanghai calendar dates, YYYY-MM-DD):
// 到2020年 → 2020-12-31, 2019年4月底前 → 2019-04-30, 2020年起每年2月底前 → 2020-02-29.
import { bareTargetYears } from './year-forms.js';

export interface DeadlineFinding {
  /** The latest target date the text names. */
  date: string;
  /** Every target year named, for checking against the plan's period. */
  years: number[];
}

const DATE =
  /(?<!\d)((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?(上半年|下半年|第?[一二三四1-4]季度)?/g;
// From a year on, a yearly date: 2020年起每年2月底前 — the first occurrence is the target.
const RECURRING =
  /(?<!\d)((?:19|20)\d{2})\s*年(?:起|开始)[^。；]{0,24}?每年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/g;
// 2020年起 (a start), 2018年以来 (since), 较2015年 (a baseline) and 2019年1月1日至12月31日 (the period a
// policy applies) are not targets.
const NOT_A_TARGET_AFTER = /^\s*(?:起|开始|以来|来|之前的|基础上|的基础|水平|相比|同期|末的|为基数|度?统计|至|到)/;
const NOT_A_TARGET_BEFORE = /(?:比|较|与|同|相比|截至|截止到?|至)\s*$/;
const QUARTER_END: Record<string, number> = { 一: 3, '1': 3, 二: 6, '2': 6, 三: 9, '3': 9, 四: 12, '4': 12 };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** YYYY-MM-DD of a calendar day; the month's last day when `day` is omitted. */
export function calendarDate(year: number, month: number, day?: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(day ?? last, last))}`;
}

function monthOf(period: string | undefined): number {
  if (!period) return 12;
  if (period === '上半年') return 6;
  if (period === '下半年') return 12;
  return QUARTER_END[period.replace(/^第|季度$/g, '')] ?? 12;
}

function targetsIn(text: string): string[] {
  const dates: string[] = [];
  for (const m of text.matchAll(DATE)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (NOT_A_TARGET_AFTER.test(after) || NOT_A_TARGET_BEFORE.test(before)) continue;
    const year = Number(m[1]);
    if (m[2]) dates.push(calendarDate(year, Number(m[2]), m[3] ? Number(m[3]) : undefined));
    else dates.push(calendarDate(year, monthOf(m[4])));
  }
  for (const year of bareTargetYears(text)) dates.push(calendarDate(year, 12));
  for (const m of text.matchAll(RECURRING)) {
    dates.push(calendarDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined));
  }
  return dates;
}

/** The latest target date named in a text (matching form), or null. Titles of other documents (《…》) are skipped. */
export function findDeadline(text: string): DeadlineFinding | null {
  const dates = targetsIn(text.replace(/《[^》]*》/g, ''));
  if (dates.length === 0) return null;
  dates.sort();
  return { date: dates.at(-1)!, years: [...new Set(dates.map((d) => Number(d.slice(0, 4))))] };
}

/** The deadline of a measure that names none: the last day of the plan's period. */
export function planEndDeadline(periodEnd: number | null): string | null {
  return periodEnd === null ? null : calendarDate(periodEnd, 12);
}
