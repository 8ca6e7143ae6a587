import { registerEnumType } from '@nestjs/graphql';

export enum UserRole {
  ADMIN = 'ADMIN',
  /** 督查室 supervision office */
  SUPERVISOR = 'SUPERVISOR',
  /** 领导 leader: reads everything in its jurisdiction */
  LEADER = 'LEADER',
  /** 联络员 department liaison */
  LIAISON = 'LIAISON',
}
registerEnumType(UserRole, { name: 'UserRole' });
