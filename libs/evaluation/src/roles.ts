import { UserRole } from '@app/auth';

/** 领导视图 readers: the supervision office, leaders and administrators. Liaisons use their ledger instead. */
export const VIEWERS = [UserRole.ADMIN, UserRole.SUPERVISOR, UserRole.LEADER];

/** Who creates and publishes evaluations (考核): the supervision office and administrators. */
export const EVALUATORS = [UserRole.ADMIN, UserRole.SUPERVISOR];

export const ALL_ROLES = Object.values(UserRole);
