import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PlanStatus } from './plan-enums.js';

@ObjectType('OutlineSection')
export class OutlineSection {
  @Field()
  code!: string;

  @Field()
  title!: string;

  @Field(() => Int)
  line!: number;

  @Field({ description: 'Whether its items are measures (task chapters) or not (background, goals, guarantees).' })
  holdsMeasures!: boolean;
}

/** 规划 / 行动计划: one plan of an imported document. */
@ObjectType('Plan')
@Entity('plan')
export class Plan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column()
  ordinal!: number;

  @Field()
  @Column()
  title!: string;

  @Field(() => PlanStatus)
  @Column({ type: 'text' })
  status!: PlanStatus;

  @Column({ name: 'jurisdiction_id', type: 'uuid' })
  jurisdictionId!: string;

  @Field(() => String, { nullable: true, description: 'e.g. 滕政办发〔2017〕174号' })
  @Column({ name: 'document_number', type: 'text', nullable: true })
  documentNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 滕州市人民政府办公室' })
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'period_start', type: 'int', nullable: true })
  periodStart!: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'period_end', type: 'int', nullable: true })
  periodEnd!: number | null;

  /** The department that drafted it; owner of measures that name no one. */
  @Column({ name: 'lead_department_id', type: 'uuid', nullable: true })
  leadDepartmentId!: string | null;

  @Field({ description: "The plan's source text as imported." })
  @Column({ name: 'source_text' })
  sourceText!: string;

  @Field(() => Int)
  @Column({ name: 'start_line' })
  startLine!: number;

  @Field(() => Int)
  @Column({ name: 'end_line' })
  endLine!: number;

  @Field(() => [OutlineSection])
  @Column({ type: 'jsonb' })
  outline!: OutlineSection[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Field({ description: '政务公开: shown at /public/plans/<id> without login.' })
  @Column({ default: false })
  public!: boolean;

  @Field(() => Int, {
    description: '1 for the first published version; a draft revision carries the number it will take.',
  })
  @Column({ default: 1 })
  revision!: number;

  /** 规划修订: the published plan this draft revises. */
  @Column({ name: 'revision_of_id', type: 'uuid', nullable: true })
  revisionOfId!: string | null;
}
