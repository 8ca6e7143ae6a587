import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ScorecardCounts } from '../scoring.js';

/** A department's row in the league table, as of a date (live, or frozen in an evaluation). */
@ObjectType()
export class DepartmentScorecard implements ScorecardCounts {
  @Field(() => ID)
  departmentId!: string;

  /** Short name, for ordering ties; the GraphQL field `department` gives the whole department. */
  name!: string;

  @Field(() => Int, { description: 'Place in the league table, 1 = best.' })
  rank!: number;

  @Field(() => Int, { description: 'Tasks not cancelled.' })
  tasksTotal!: number;

  @Field(() => Int, { description: 'Completed (accepted) on or before asOf.' })
  tasksCompleted!: number;

  @Field(() => Int, { description: 'Completed by the ORIGINAL due date, whatever extensions moved it to.' })
  completedOnTime!: number;

  @Field(() => Int, { description: 'Tasks whose original due date is before asOf.' })
  tasksDue!: number;

  @Field(() => Int, { description: 'Of tasksDue, those completed by their original due date.' })
  dueCompletedOnTime!: number;

  @Field(() => Float, { description: 'dueCompletedOnTime / tasksDue; 1 when nothing is due.' })
  onTimeRate!: number;

  @Field(() => Int, { description: 'Open tasks whose due date is before asOf.' })
  overdue!: number;

  @Field(() => [Int], { description: 'Count of escalation events by level: index 0 is level 1.' })
  escalationsByLevel!: number[];

  @Field(() => Int)
  noticesIssued!: number;

  @Field(() => Float, {
    nullable: true,
    description: '报送及时率: share of open tasks with a progress report in the reporting window before asOf.',
  })
  reportTimeliness!: number | null;

  @Field(() => Int, { description: '报送提醒: missing-report reminders raised up to asOf.' })
  reportReminders!: number;

  @Field(() => Float, { description: 'By the scoring rules in force (docs/scoring.md).' })
  score!: number;
}
