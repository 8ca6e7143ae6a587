import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification of one user: escalations, missing reports, supervision notices, calendar warnings. */
@ObjectType('Notification')
@Entity('notification')
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Field({
    description: 'ESCALATION_1…ESCALATION_4, REPORT_MISSING, NOTICE_ISSUED, NOTICE_RESPONDED, CALENDAR_UNKNOWN_YEAR',
  })
  @Column()
  kind!: string;

  @Field()
  @Column()
  message!: string;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where a grouped message points in the console, e.g. /overdue?planId=…&level=2 (the filtered queue).',
  })
  @Column({ type: 'text', nullable: true })
  link!: string | null;

  /** What it announces (escalation:<event id>, …): one notification per source and user. */
  @Column({ name: 'source_key' })
  sourceKey!: string;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
