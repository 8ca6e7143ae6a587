import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';

export enum OverviewGrouping {
  /** One row per department (jurisdiction-wide, or within a plan). */
  DEPARTMENT = 'DEPARTMENT',
  /** One row per plan (of a department, or a single plan). */
  PLAN = 'PLAN',
}
registerEnumType(OverviewGrouping, { name: 'OverviewGrouping' });

/** Tasks by status, and how many of the open ones are overdue as of the overview's date. */
@ObjectType()
export class TaskCounts {
  @Field(() => Int)
  notStarted = 0;

  @Field(() => Int)
  inProgress = 0;

  @Field(() => Int)
  pendingReview = 0;

  @Field(() => Int)
  completed = 0;

  @Field(() => Int)
  cancelled = 0;

  @Field(() => Int)
  total = 0;

  @Field(() => Int, { description: 'Open tasks due before asOf.' })
  overdue = 0;
}

/** A row of the overview; `tasks` opens the numbers (the `tasks` query with this row's filter). */
@ObjectType()
export class TaskOverviewRow extends TaskCounts {
  @Field(() => ID, { nullable: true })
  departmentId: string | null = null;

  @Field(() => ID, { nullable: true })
  planId: string | null = null;

  /** The overview's own date, for the drill-down's overdue filter. */
  asOf!: string;
}

@ObjectType()
export class TaskOverview {
  @Field(() => CalendarDate)
  asOf!: string;

  @Field(() => OverviewGrouping)
  groupBy!: OverviewGrouping;

  @Field(() => [TaskOverviewRow], { description: 'Most overdue first.' })
  rows!: TaskOverviewRow[];

  @Field(() => TaskCounts)
  totals!: TaskCounts;
}
