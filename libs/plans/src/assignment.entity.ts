import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AssignmentRole, AssignmentSource } from './plan-enums.js';

/** A measure × department × role, proposed by the importer and reviewed before publishing. */
@ObjectType('Assignment')
@Entity('assignment')
export class Assignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId!: string;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId!: string;

  @Field(() => AssignmentRole)
  @Column({ type: 'text' })
  role!: AssignmentRole;

  @Field({
    description:
      'The words of the source text that named this department, e.g. 市卫计局 or 公安部门; empty for PLAN_DEFAULT.',
  })
  @Column({ name: 'mentioned_as' })
  mentionedAs!: string;

  @Field({
    description:
      'True when read from an explicit list such as （…牵头，…配合） or （责任单位：…）; false when inferred from prose.',
  })
  @Column()
  explicit!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Key of the child jurisdiction when this came from a collective such as 各区县政府.',
  })
  @Column({ name: 'fan_out_of', type: 'text', nullable: true })
  fanOutOf!: string | null;

  @Field(() => AssignmentSource, {
    description:
      "How the assignment was found: an explicit list, prose, the plan's lead by default, or a fan-out of 各区县政府. " +
      'One added by hand in review (addAssignment) counts as LIST: a reviewer naming a department is an explicit list.',
  })
  @Column({ type: 'text' })
  source!: AssignmentSource;
}
