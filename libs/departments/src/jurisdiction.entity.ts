import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 行政区划 jurisdiction: a node of the administrative tree (nation → province → city → county → township). */
@ObjectType('Jurisdiction')
@Entity('jurisdiction')
export class Jurisdiction {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable key of the registry (seeds/registry), e.g. tengzhou. */
  @Field()
  @Column()
  key!: string;

  @Field()
  @Column()
  name!: string;

  @Field({ description: 'NATION, PROVINCE, CITY, COUNTY, DISTRICT or TOWNSHIP.' })
  @Column()
  level!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  aliases!: string[];
}
