import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarDate } from '@app/common';
import { LEVEL_NAMES, type EscalationLevel } from '../ladder/escalation-policy.js';

/** One rung of the ladder reached by a task for one due date (unique per task, level and due date). */
@ObjectType('EscalationEvent')
@Entity('escalation_event')
export class EscalationEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: number;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Field(() => Int, { description: '1 临期提醒, 2 逾期预警, 3 督办, 4 纳入考核' })
  @Column({ type: 'int' })
  level!: EscalationLevel;

  @Field(() => CalendarDate, {
    description: 'The due date it was raised for; a new due date starts the ladder afresh.',
  })
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Field(() => CalendarDate, { description: 'The date the sweep that raised it ran for.' })
  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Field()
  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Field({ description: 'Dated by the Monday–Friday fallback: its year had no holiday schedule loaded.' })
  @Column({ name: 'calendar_fallback' })
  calendarFallback!: boolean;

  /** Set when level 4 came from a supervision notice whose response is overdue. */
  @Field(() => ID, {
    nullable: true,
    description: 'The supervision notice whose overdue response raised it (level 4).',
  })
  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId!: string | null;

  @Field()
  get levelName(): string {
    return LEVEL_NAMES[this.level];
  }
}
