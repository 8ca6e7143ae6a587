import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Task } from '../task.entity.js';

@ObjectType()
export class TaskEdge {
  @Field(() => Task)
  node!: Task;

  @Field()
  cursor!: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class TaskConnection {
  @Field(() => [TaskEdge])
  edges!: TaskEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
