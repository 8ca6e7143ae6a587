import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A unit of one jurisdiction (市卫健局, 市公安局 …) that plans assign work to. */
@ObjectType('Department')
@Entity('department')
export class Department {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable registry key: <jurisdictionKey>.<functionCode>, with a suffix when two share a function. */
  @Field()
  @Column()
  key!: string;

  @Column({ name: 'jurisdiction_id', type: 'uuid' })
  jurisdictionId!: string;

  @Field({
    description:
      "Stable code of the department's function. At least HEALTH, PUBLIC_SECURITY, CIVIL_AFFAIRS, EDUCATION exist.",
  })
  @Column({ name: 'function_code' })
  functionCode!: string;

  @Field({ description: 'Official full name, e.g. 滕州市卫生和计划生育局.' })
  @Column()
  name!: string;

  @Field({ description: 'The usual short form, e.g. 市卫计局.' })
  @Column({ name: 'short_name' })
  shortName!: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  aliases!: string[];

  /** Created by an import from the function catalogue; awaits an administrator's review. */
  @Field()
  @Column()
  provisional!: boolean;

  /** Names it had before a rename, or that departments merged into it had: documents still use them. */
  @Field(() => [String], { description: 'Names it had before a rename or that were merged into it.' })
  @Column({ name: 'former_names', type: 'text', array: true })
  formerNames!: string[];

  /** Set once it was folded into another department (机构改革); its closed tasks keep it. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
