import { Field, ObjectType } from '@nestjs/graphql';
import { NotificationMode } from '../notification-mode.js';

/** How the caller takes one kind of message; `chosen` false when it is the role's default. */
@ObjectType()
export class NotificationPreference {
  @Field({ description: 'ESCALATION_1…ESCALATION_4, REPORT_MISSING, NOTICE_ISSUED, … (Notification.kind)' })
  kind!: string;

  @Field(() => NotificationMode)
  mode!: NotificationMode;

  @Field({
    description: "False while the mode is the role's default (DAILY_DIGEST for leaders, IMMEDIATE for others).",
  })
  chosen!: boolean;
}
