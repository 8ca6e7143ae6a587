import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The supervision office's acceptance or return of completed work. */
@ObjectType('TaskReview')
@Entity('task_review')
export class TaskReview {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  @Field()
  @Column()
  accepted!: boolean;

  @Field(() => String, { nullable: true, description: 'What the liaison must fix when returned.' })
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Field(() => Date)
  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;
}
