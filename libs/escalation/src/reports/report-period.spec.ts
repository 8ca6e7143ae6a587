import { chineseDaysSchedules } from '../calendar/chinese-days-schedules.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { ReportCadence } from '../ladder/escalation-policy.js';
import { latestClosedPeriod } from './report-period.js';

const calendar = new WorkingCalendar(chineseDaysSchedules(2025, 2026));

describe('reporting periods', () => {
  it("makes September's report due by the 5th working day of October, after the National Day break", () => {
    expect(latestClosedPeriod('2025-10-15', ReportCadence.MONTHLY, 5, calendar)).toEqual({
      start: '2025-09-01',
      end: '2025-10-01',
      reportDue: '2025-10-14',
    });
  });

  it('leaves a period open until the day after its report was due', () => {
    expect(latestClosedPeriod('2025-10-14', ReportCadence.MONTHLY, 5, calendar).start).toBe('2025-08-01');
    expect(latestClosedPeriod('2025-09-08', ReportCadence.MONTHLY, 5, calendar)).toMatchObject({
      start: '2025-08-01',
      reportDue: '2025-09-05',
    });
  });

  it('counts quarters from January, April, July and October', () => {
    expect(latestClosedPeriod('2025-11-20', ReportCadence.QUARTERLY, 5, calendar)).toMatchObject({
      start: '2025-07-01',
      end: '2025-10-01',
      reportDue: '2025-10-14',
    });
  });
});
