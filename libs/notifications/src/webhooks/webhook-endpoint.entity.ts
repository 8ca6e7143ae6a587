import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A webhook target (e.g. a WeCom or DingTalk group robot); the secret is never read back. */
@ObjectType('WebhookEndpoint')
@Entity('webhook_endpoint')
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column()
  name!: string;

  @Field()
  @Column()
  url!: string;

  @Column({ select: false })
  secret!: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId!: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'jurisdiction_id', type: 'uuid', nullable: true })
  jurisdictionId!: string | null;

  @Field()
  @Column()
  active!: boolean;
}
