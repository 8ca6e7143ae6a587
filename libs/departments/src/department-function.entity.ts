import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 职能目录: one function of the national catalogue, with the name patterns that reveal it. */
@ObjectType('DepartmentFunction')
@Entity('department_function')
export class DepartmentFunction {
  @Field({ description: 'e.g. HEALTH, PUBLIC_SECURITY, OTHER.' })
  @PrimaryColumn()
  code!: string;

  @Field({ description: 'e.g. 卫生健康, 公安, 其他.' })
  @Column()
  name!: string;

  @Column({ type: 'text', array: true })
  patterns!: string[];

  @Column({ name: 'national_names', type: 'text', array: true })
  nationalNames!: string[];

  @Column({ name: 'name_template' })
  nameTemplate!: string;

  @Column({ name: 'short_template' })
  shortTemplate!: string;
}
