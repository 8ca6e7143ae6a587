import { addDays } from '../calendar/calendar-date.js';
import { chineseDaysSchedules } from '../calendar/chinese-days-schedules.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { DEFAULT_POLICY, LEVELS, resolvePolicy } from './escalation-policy.js';
import { cutoff, threshold } from './ladder.js';

const calendar = new WorkingCalendar(chineseDaysSchedules(2024, 2026));

describe('the escalation ladder', () => {
  // Due Friday 2025-10-10, right after the National Day break (10-01…10-08, with 09-28 Sunday and
  // 10-11 Saturday worked instead).
  it('dates the worked example of the issue', () => {
    const due = '2025-10-10';
    // 10-09, 09-30, 09-29, 09-28 (adjusted Sunday workday), 09-26
    expect(threshold(1, due, DEFAULT_POLICY, calendar)).toBe('2025-09-26');
    // the adjusted Saturday workday
    expect(threshold(2, due, DEFAULT_POLICY, calendar)).toBe('2025-10-11');
    expect(threshold(3, due, DEFAULT_POLICY, calendar)).toBe('2025-10-23');
    expect(threshold(4, due, DEFAULT_POLICY, calendar)).toBe('2025-11-09');
  });

  it('counts the adjusted Sunday as a working day and the holiday weekdays as not', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
  });

  it.each(LEVELS)('level %i: the cutoff is the latest due date whose threshold has come', (level) => {
    for (let asOf = '2025-01-01'; asOf <= '2025-12-31'; asOf = addDays(asOf, 3)) {
      const c = cutoff(level, asOf, DEFAULT_POLICY, calendar);
      expect(threshold(level, c, DEFAULT_POLICY, calendar) <= asOf).toBe(true);
      expect(threshold(level, addDays(c, 1), DEFAULT_POLICY, calendar) > asOf).toBe(true);
    }
  });

  it('raises the worked example level by level on the right days', () => {
    const dueBy = (asOf: string) => LEVELS.filter((l) => '2025-10-10' <= cutoff(l, asOf, DEFAULT_POLICY, calendar));
    expect(dueBy('2025-09-25')).toEqual([]);
    expect(dueBy('2025-09-26')).toEqual([1]);
    expect(dueBy('2025-10-10')).toEqual([1]);
    expect(dueBy('2025-10-11')).toEqual([1, 2]);
    expect(dueBy('2025-10-22')).toEqual([1, 2]);
    expect(dueBy('2025-10-23')).toEqual([1, 2, 3]);
    expect(dueBy('2025-11-08')).toEqual([1, 2, 3]);
    expect(dueBy('2025-11-09')).toEqual([1, 2, 3, 4]);
  });

  it('reports the unknown year a computation reaches, and falls back to weekdays there', () => {
    const reached = new Set<number>();
    // chinese-days has no 2027: New Year's Day 2027 is taken as the Friday it is.
    expect(threshold(2, '2026-12-31', DEFAULT_POLICY, calendar, reached)).toBe('2027-01-01');
    expect([...reached]).toEqual([2027]);
    const none = new Set<number>();
    threshold(3, '2025-10-10', DEFAULT_POLICY, calendar, none);
    expect(none.size).toBe(0);
  });

  it("lays a plan's own policy over the default and rejects a bad one", () => {
    expect(resolvePolicy({ dueSoonWorkingDays: 3 })).toEqual({ ...DEFAULT_POLICY, dueSoonWorkingDays: 3 });
    expect(threshold(1, '2025-10-10', resolvePolicy({ dueSoonWorkingDays: 3 }), calendar)).toBe('2025-09-29');
    expect(() => resolvePolicy({ dueSoonWorkingDays: 0 })).toThrow();
    expect(() => resolvePolicy({ nonsense: 1 })).toThrow();
  });
});
