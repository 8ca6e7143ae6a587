import { chineseDaysSchedules } from '../calendar/chinese-days-schedules.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { DEFAULT_POLICY } from '../ladder/escalation-policy.js';
import { planSweep } from './sweep-plan.js';

const calendar = new WorkingCalendar(chineseDaysSchedules(2004, 2026));

describe('planning a sweep', () => {
  it('gives each level its cutoff: the worked example is due at level 3, not 4, on 2025-10-23', () => {
    const plan = planSweep('2025-10-23', DEFAULT_POLICY, calendar, '2025-01-01');
    expect(plan.cutoffs[3]).toBe('2025-10-10');
    expect(plan.cutoffs[4] < '2025-10-10').toBe(true);
    expect(plan.fallback).toEqual([]);
    expect(plan.unknownYears.size).toBe(0);
  });

  it('flags the due dates whose thresholds reach 2027, a year chinese-days does not know', () => {
    const plan = planSweep('2027-01-20', DEFAULT_POLICY, calendar, '2026-06-01');
    expect([...plan.unknownYears]).toEqual([2027]);
    const flagged = plan.fallback.filter((f) => f.level === 2).map((f) => f.dueDate);
    expect(flagged).toContain('2026-12-31'); // its next working day is 2027-01-01, judged by weekday only
    expect(flagged).not.toContain('2026-06-30');
  });
});
