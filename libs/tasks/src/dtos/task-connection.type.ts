import { Field, ObjectType } from '@nestjs/graphql';
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

  /** Counted only when the client asks for totalCount (see TaskConnectionResolver): a count costs a scan. */
  countTotal!: () => Promise<number>;
}
