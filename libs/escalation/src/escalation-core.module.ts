import { Module } from '@nestjs/common';
import { HolidayCalendarService } from './calendar/holiday-calendar.service.js';
import { ReportReminderService } from './reports/report-reminder.service.js';
import { EscalationSweepService } from './sweep/escalation-sweep.service.js';
import { SweepRuns } from './sweep/sweep-runs.service.js';

/** The sweep and the calendar, for the API (on demand) and the worker (daily). */
@Module({
  providers: [HolidayCalendarService, ReportReminderService, EscalationSweepService, SweepRuns],
  exports: [HolidayCalendarService, EscalationSweepService, SweepRuns],
})
export class EscalationCoreModule {}
