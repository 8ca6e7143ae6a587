import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 职能目录: one function of the national catalogue, with the name patterns that reveal it. */
@Entity('department_function')
export class DepartmentFunction {
  @PrimaryColumn()
  code!: string;

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
