import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarDate } from '@app/common';
import { NoticeStatus } from './notice-status.js';

/** 督办单 supervision notice: a numbered demand to a department to rectify its overdue tasks. */
@ObjectType('SupervisionNotice')
@Entity('supervision_notice')
export class SupervisionNotice {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'e.g. 督办〔2025〕3号' })
  @Column()
  number!: string;

  /** The issuing office's jurisdiction: its notices are numbered together. */
  @Column({ name: 'jurisdiction_id', type: 'uuid' })
  jurisdictionId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId!: string;

  @Field()
  @Column()
  requirements!: string;

  @Field(() => CalendarDate)
  @Column({ name: 'response_due', type: 'date' })
  responseDue!: string;

  @Field(() => NoticeStatus)
  @Column({ type: 'text' })
  status!: NoticeStatus;

  @Field(() => String, { nullable: true, description: "The department's rectification (整改) answer." })
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy!: string;

  @Field(() => ID, { nullable: true, description: 'The notice this one was reissued in place of.' })
  @Column({ name: 'reissue_of', type: 'uuid', nullable: true })
  reissueOf!: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
