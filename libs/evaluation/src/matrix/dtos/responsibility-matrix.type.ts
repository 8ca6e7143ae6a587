import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Department } from '@app/departments';
import { AssignmentRole, Measure, Plan } from '@app/plans';
import { TaskStatus } from '@app/tasks';

/** One task: a department's part in a measure. */
@ObjectType()
export class MatrixCell {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => ID)
  measureId!: string;

  @Field(() => ID, { description: 'The task behind the cell.' })
  taskId!: string;

  @Field(() => AssignmentRole)
  role!: AssignmentRole;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field({ description: 'Due date before today (Asia/Shanghai) and not COMPLETED or CANCELLED.' })
  overdue!: boolean;

  @Field(() => Int)
  escalationLevel!: number;

  @Field(() => String, {
    nullable: true,
    description: '被督办: the number of the open supervision notice the task is under (when the caller reads it).',
  })
  noticeNumber?: string | null; // not looked up when the query does not select it
}

/** 责任矩阵: a plan's departments × measures, one cell per task. */
@ObjectType()
export class ResponsibilityMatrix {
  @Field(() => Plan)
  plan!: Plan;

  @Field(() => [Department], { description: 'Most lead roles first.' })
  departments!: Department[];

  @Field(() => [Measure], { description: 'In the order of the plan.' })
  measures!: Measure[];

  @Field(() => [MatrixCell])
  cells!: MatrixCell[];
}
