// Deadlines counted from the document's date: 本意见印发之日起30日内, 自发布之日起3个月内.
import { parseChineseNumeral } from '../outline/chinese-numeral.js';

const RELATIVE =
  /(?:印发|发布|下发|公布|实施)之日起\s*(\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(个月|日|天|周|个工作日)内/g;

function addTo(date: string, amount: number, unit: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (unit === '个月') {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + amount);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  } else {
    // Working days are left to the calendar of the escalation ladder; here a working day counts as a day.
    d.setUTCDate(d.getUTCDate() + amount * (unit === '周' ? 7 : 1));
  }
  return d.toISOString().slice(0, 10);
}

/** Dates a text names relative to `signed` (YYYY-MM-DD, the date of the document); none without that date. */
export function relativeDeadlines(text: string, signed: string | null): string[] {
  if (!signed) return [];
  return [...text.matchAll(RELATIVE)].map((m) => addTo(signed, parseChineseNumeral(m[1]!), m[2]!));
}
