import { UserRole, type AccessScope } from '@app/auth';
import { SqlWhere } from '@app/database';

/**
 * Which notices a caller reads, as a condition on a `supervision_notice` alias: a LIAISON its
 * department's; SUPERVISOR and LEADER those to departments of their jurisdictions; ADMIN all. The
 * notice list and every marker that names a notice on a task use it.
 */
export function noticeScope(scope: AccessScope, n = 'n'): SqlWhere {
  const where = new SqlWhere();
  if (scope.user.role === UserRole.LIAISON)
    return where.and(`${n}.department_id = :noticeDepartment`, { noticeDepartment: scope.departmentId });
  if (scope.jurisdictionIds === null) return where;
  return where.and(
    `${n}.department_id IN (SELECT nd.id FROM department nd WHERE nd.jurisdiction_id = ANY(:noticeJurisdictions))`,
    { noticeJurisdictions: scope.jurisdictionIds },
  );
}
