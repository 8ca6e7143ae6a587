import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarDate } from '@app/common';

export enum ExtensionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ExtensionStatus, { name: 'ExtensionStatus' });

/** 延期申请: asks to move a task's due date; approval moves it and restarts escalation. */
@ObjectType('ExtensionRequest')
@Entity('extension_request')
export class ExtensionRequest {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Field(() => CalendarDate, { description: 'The due date when the request was made.' })
  @Column({ name: 'current_due_date', type: 'date' })
  currentDueDate!: string;

  @Field(() => CalendarDate)
  @Column({ name: 'requested_due_date', type: 'date' })
  requestedDueDate!: string;

  @Field()
  @Column()
  reason!: string;

  @Field(() => ExtensionStatus)
  @Column({ type: 'text' })
  status!: ExtensionStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
