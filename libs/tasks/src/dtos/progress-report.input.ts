import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class IndicatorValueInput {
  @Field(() => ID)
  indicatorId!: string;

  @Field()
  value!: string;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

@InputType()
export class EvidenceInput {
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

@InputType()
export class ProgressReportInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int)
  progressPercent!: number;

  @Field({ description: '进展情况' })
  narrative!: string;

  @Field(() => String, { nullable: true, description: '存在问题' })
  problems?: string | null;

  @Field(() => String, { nullable: true, description: '下步计划' })
  nextSteps?: string | null;

  @Field(() => [IndicatorValueInput], { nullable: true })
  indicatorValues?: IndicatorValueInput[] | null;

  @Field(() => [EvidenceInput], { nullable: true, description: '佐证材料: named links or file metadata' })
  evidence?: EvidenceInput[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ids returned by POST /uploads (multipart, field `file`).' })
  attachmentIds?: string[] | null;
}
