import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
export class IndicatorValue {
  @Field(() => ID)
  indicatorId!: string;

  @Field({ description: 'As reported, e.g. 72 or 72%' })
  value!: string;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

/** 佐证材料: a named link or the metadata of an uploaded file. */
@ObjectType()
export class Evidence {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  fileName?: string | null;

  @Field(() => Int, { nullable: true })
  sizeBytes?: number | null;

  @Field(() => String, { nullable: true })
  mimeType?: string | null;
}

/** 进展报告: append-only; a correction is a new report. */
@ObjectType('ProgressReport')
@Entity('progress_report')
export class ProgressReport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Field(() => Date)
  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Field(() => Int)
  @Column({ name: 'progress_percent' })
  progressPercent!: number;

  @Field({ description: '进展情况' })
  @Column()
  narrative!: string;

  @Field(() => String, { nullable: true, description: '存在问题' })
  @Column({ type: 'text', nullable: true })
  problems!: string | null;

  @Field(() => String, { nullable: true, description: '下步计划' })
  @Column({ name: 'next_steps', type: 'text', nullable: true })
  nextSteps!: string | null;

  @Field(() => [IndicatorValue])
  @Column({ name: 'indicator_values', type: 'jsonb' })
  indicatorValues!: IndicatorValue[];

  @Field(() => [Evidence])
  @Column({ type: 'jsonb' })
  evidence!: Evidence[];

  @Field({ description: '政务公开: the office lets /public/plans/<id> show its narrative.' })
  @Column({ default: false })
  public!: boolean;
}
