import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
import { HolidayScheduleYear } from './dtos/holiday-schedule-year.type.js';
import { HolidayCalendarService } from './holiday-calendar.service.js';
import { HolidayScheduleService } from './holiday-schedule.service.js';

@Resolver(() => HolidayScheduleYear)
export class HolidayCalendarResolver {
  constructor(
    private readonly calendars: HolidayCalendarService,
    private readonly schedules: HolidayScheduleService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Query(() => [HolidayScheduleYear], {
    description: 'Years with a holiday schedule; working days of any other year fall back to Monday–Friday.',
  })
  holidayScheduleYears(): Promise<HolidayScheduleYear[]> {
    return this.calendars.years();
  }

  @Roles(UserRole.ADMIN)
  @Mutation(() => HolidayScheduleYear, {
    description:
      "Loads (or replaces) a year's State Council holiday schedule: weekdays off and weekend days worked (调休).",
  })
  loadHolidaySchedule(
    @CurrentUser() caller: AuthUser,
    @Args('year', { type: () => Int }) year: number,
    @Args('holidays', { type: () => [CalendarDate] }) holidays: string[],
    @Args('workdays', { type: () => [CalendarDate] }) workdays: string[],
  ): Promise<HolidayScheduleYear> {
    return this.schedules.load(caller, year, holidays, workdays);
  }
}
