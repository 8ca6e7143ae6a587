import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarDate } from '@app/common';
import type { Department } from '@app/departments';
import { AssignmentRole, type Measure } from '@app/plans';
import { TaskStatus } from './task-status.js';

/** 任务: a measure assigned to one department, turned into work by publishing its plan. */
@ObjectType('Task')
@Entity('task')
export class Task {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId!: string;

  @Field(() => AssignmentRole)
  @Column({ type: 'text' })
  role!: AssignmentRole;

  @Field(() => TaskStatus)
  @Column({ type: 'text' })
  status!: TaskStatus;

  @Field(() => Int)
  @Column({ name: 'progress_percent' })
  progressPercent!: number;

  @Field(() => CalendarDate)
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Field(() => CalendarDate, { description: 'The due date set at publishing, kept when an extension moves dueDate.' })
  @Column({ name: 'original_due_date', type: 'date' })
  originalDueDate!: string;

  @Field(() => Int, { description: 'Increments on every change; updateTask must name it.' })
  @Column()
  version!: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** When the supervision office last returned it; set until it is submitted again. */
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Read with the task by a list query that joined them (TasksService.list); neither column nor field. */
  prefetched?: { measure?: Measure; department?: Department };

  /**
   * What libs above tasks keep of it for its audit snapshot (TaskSnapshotFields: escalation's level),
   * read by TaskUpdatesService with the task; neither column nor field. Task.escalationLevel is
   * resolved in libs/escalation.
   */
  snapshotExtras?: Record<string, unknown>;
}
