import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Department } from '../department.entity.js';

@ObjectType()
export class DepartmentMergeResult {
  @Field(() => Department, { description: 'The department that remains.' })
  department!: Department;

  @Field(() => Int, {
    description: 'Open tasks moved onto it; closed tasks keep the department they were done by.',
  })
  tasksMoved!: number;

  @Field(() => Int)
  usersMoved!: number;
}

/** What a merge would move, computed by the same code as the merge, nothing changed. */
@ObjectType()
export class DepartmentMergePreview {
  @Field(() => Department)
  from!: Department;

  @Field(() => Department)
  into!: Department;

  @Field(() => Int)
  tasksMoved!: number;

  @Field(() => Int, { description: 'Completed and cancelled tasks that stay with the old department.' })
  tasksKept!: number;

  @Field(() => Int)
  usersMoved!: number;

  @Field(() => Int)
  assignmentsMoved!: number;

  @Field(() => [String])
  aliasesAdded!: string[];
}

/** A department the importer created for a name it did not know; libs above add how it was named. */
@ObjectType()
export class ProvisionalDepartment {
  @Field(() => Department)
  department!: Department;
}
