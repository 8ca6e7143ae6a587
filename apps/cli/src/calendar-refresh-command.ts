import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@app/audit';
import { CommonModule, type AppConfig } from '@app/common';
import { DatabaseModule } from '@app/database';
import { HolidayCalendarRefreshService, HolidayCalendarService } from '@app/escalation';

/** Only what the refresh touches: the calendar tables and the audit log, no queues. */
@Module({})
class CalendarRefreshModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CalendarRefreshModule,
      imports: [CommonModule.forRoot(config), DatabaseModule, AuditModule],
      providers: [HolidayCalendarService, HolidayCalendarRefreshService],
    };
  }
}

/** `luoshi calendar-refresh`: adds the holiday schedules of years the installed chinese-days newly publishes. */
export async function calendarRefreshCommand(config: AppConfig, out: (line: string) => void = console.log) {
  const ctx = await NestFactory.createApplicationContext(CalendarRefreshModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const { added, kept } = await ctx.get(HolidayCalendarRefreshService).refresh();
    out(`calendar: added ${added.length ? added.join(', ') : 'no new year'}`);
    const admin = kept.filter((y) => y.source === 'admin').map((y) => y.year);
    if (admin.length) out(`calendar: kept the schedules an ADMIN loaded for ${admin.join(', ')}`);
    return { added, kept };
  } finally {
    await ctx.close();
  }
}
