import { Field, Int, ObjectType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';

/** A year whose State Council holiday schedule luoshi holds. */
@ObjectType()
export class HolidayScheduleYear {
  @Field(() => Int)
  year!: number;

  @Field({ description: "chinese-days (the package's data) or admin (loaded through loadHolidaySchedule)." })
  source!: string;

  @Field(() => [CalendarDate], { description: 'Days off that fall on weekdays (节假日).' })
  holidays!: string[];

  @Field(() => [CalendarDate], { description: 'Weekend days worked instead (调休上班).' })
  workdays!: string[];

  @Field()
  loadedAt!: Date;
}
