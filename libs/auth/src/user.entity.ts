import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { UserRole } from './user-role.js';

@ObjectType('User')
@Entity('app_user')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column()
  username!: string;

  @Column({ name: 'password_hash' })
  passwordHash!: string;

  @Field()
  @Column({ name: 'display_name' })
  displayName!: string;

  @Field(() => UserRole)
  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId!: string | null;

  @Column({ name: 'jurisdiction_id', type: 'uuid', nullable: true })
  jurisdictionId!: string | null;

  /** A deactivated user cannot log in, and its tokens are refused. */
  @Field()
  @Column({ default: true })
  active!: boolean;

  /** Carried in each token as `ver`; raised to refuse the tokens issued before (see UserStatusCache). */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
