import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 措施: one numbered item of work in a plan. */
@ObjectType('Measure')
@Entity('measure')
export class Measure {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column()
  ordinal!: number;

  @Field({ description: "Position in the plan's outline, e.g. 三.（一）.1" })
  @Column()
  code!: string;

  @Field({ description: "The measure's short title: its heading, or its text up to the first 。" })
  @Column()
  title!: string;

  @Field()
  @Column()
  text!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'section_title', type: 'text', nullable: true })
  sectionTitle!: string | null;

  @Field(() => CalendarDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Field({ description: "How the deadline was set: 'text' (read from the measure), 'plan-end', 'review' or 'none'." })
  @Column({ name: 'deadline_source' })
  deadlineSource!: string;

  @Field(() => Int, { description: '1-based line of the measure in the imported document.' })
  @Column({ name: 'source_line' })
  sourceLine!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The revision that dropped this measure; its tasks stay, cancelled.',
  })
  @Column({ name: 'removed_in_revision', type: 'int', nullable: true })
  removedInRevision!: number | null;
}
