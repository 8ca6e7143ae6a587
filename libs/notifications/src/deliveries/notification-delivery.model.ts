import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum DeliveryChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** 死信: every try failed; an ADMIN may send it again. */
  DEAD = 'DEAD',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

/** One e-mail or webhook send of an announcement, as the administrators follow it. */
@ObjectType('NotificationDelivery')
export class NotificationDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => DeliveryChannel)
  channel!: DeliveryChannel;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field({ description: 'What it announces: ESCALATION_1…4, REPORT_MISSING, NOTICE_ISSUED, …' })
  kind!: string;

  @Field()
  subject!: string;

  @Field({ description: "The e-mail address, or the webhook target's name." })
  recipient!: string;

  @Field(() => Int, { description: 'Tries so far, across every retry.' })
  attempts!: number;

  @Field(() => Int, { description: 'Times an ADMIN sent it again after its dead letter.' })
  retries!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}
