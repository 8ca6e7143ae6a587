import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReportCadence } from '../../ladder/escalation-policy.js';

registerEnumType(ReportCadence, { name: 'ReportCadence' });

/** A plan's ladder and reporting cadence, the default where the plan sets nothing. */
@ObjectType()
export class EscalationPolicyView {
  @Field(() => Int, { description: 'Level 1 临期提醒 this many working days before the due date.' })
  dueSoonWorkingDays!: number;

  @Field(() => Int, { description: 'Level 2 逾期预警 on this working day after the due date.' })
  overdueWorkingDays!: number;

  @Field(() => Int, { description: 'Level 3 督办 this many working days after the due date.' })
  supervisionWorkingDays!: number;

  @Field(() => Int, { description: 'Level 4 纳入考核 this many calendar days after the due date.' })
  evaluationCalendarDays!: number;

  @Field(() => ReportCadence)
  reportCadence!: ReportCadence;

  @Field(() => Int, { description: "A period's report is due by this working day of the next period." })
  reportDueWorkingDay!: number;
}

/** What a plan changes of the default policy; fields left out keep the default. */
@InputType()
export class EscalationPolicyInput {
  @Field(() => Int, { nullable: true })
  dueSoonWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  overdueWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  supervisionWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  evaluationCalendarDays?: number;

  @Field(() => ReportCadence, { nullable: true })
  reportCadence?: ReportCadence;

  @Field(() => Int, { nullable: true })
  reportDueWorkingDay?: number;
}
