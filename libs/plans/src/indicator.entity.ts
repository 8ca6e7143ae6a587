import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IndicatorNature } from './plan-enums.js';

@ObjectType('IndicatorTarget')
export class IndicatorTarget {
  @Field(() => Int)
  year!: number;

  @Field({ description: 'As printed, e.g. ≥70, 下降5%, 5—10' })
  value!: string;
}

/** 指标: a measured quantity of a plan, with its baseline and targets as printed. */
@ObjectType('Indicator')
@Entity('indicator')
export class Indicator {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column()
  ordinal!: number;

  @Field()
  @Column()
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'baseline_year', type: 'int', nullable: true })
  baselineYear!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'baseline_value', type: 'text', nullable: true })
  baselineValue!: string | null;

  @Field(() => [IndicatorTarget])
  @Column({ type: 'jsonb' })
  targets!: IndicatorTarget[];

  @Field(() => IndicatorNature, { nullable: true })
  @Column({ type: 'text', nullable: true })
  nature!: IndicatorNature | null;

  @Field(() => Int)
  @Column({ name: 'source_line' })
  sourceLine!: number;
}
