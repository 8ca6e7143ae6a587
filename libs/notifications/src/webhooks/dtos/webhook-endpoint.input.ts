import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class WebhookEndpointInput {
  @Field()
  name!: string;

  @Field({ description: 'http(s) URL that receives the signed JSON POST.' })
  url!: string;

  @Field({ description: 'Shared HMAC-SHA256 secret, at least 16 characters.' })
  secret!: string;

  @Field(() => ID, { nullable: true, description: "Hears what the department's liaisons hear." })
  departmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Hears what the jurisdiction's supervision office and leaders hear.",
  })
  jurisdictionId?: string | null;
}
