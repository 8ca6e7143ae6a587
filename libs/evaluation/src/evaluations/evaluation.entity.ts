import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarDate } from '@app/common';

export enum EvaluationKind {
  /** 中期评估 */
  MID_TERM = 'MID_TERM',
  /** 终期评估 */
  FINAL = 'FINAL',
}
registerEnumType(EvaluationKind, { name: 'EvaluationKind' });

export enum EvaluationStatus {
  /** Can be recomputed. */
  DRAFT = 'DRAFT',
  /** Frozen for good. */
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(EvaluationStatus, { name: 'EvaluationStatus' });

/**
 * 考核 / 评估 of a plan as of a date: the league table and indicator attainment, frozen in
 * evaluation_scorecard and evaluation_indicator when computed; never changed once published.
 */
@ObjectType('Evaluation')
@Entity('evaluation')
export class Evaluation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Field(() => EvaluationKind)
  @Column({ type: 'text' })
  kind!: EvaluationKind;

  @Field()
  @Column()
  title!: string;

  @Field(() => CalendarDate)
  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Field(() => EvaluationStatus)
  @Column({ type: 'text' })
  status!: EvaluationStatus;

  @Column({ name: 'rules_id', type: 'uuid' })
  rulesId!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the scorecards and attainment were last frozen.' })
  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
