import { UserRole, type AccessScope } from '@app/auth';

/**
 * Which notices a caller reads, as a condition on a `supervision_notice` alias with named parameters:
 * a LIAISON its department's; SUPERVISOR and LEADER those to departments of their jurisdictions; ADMIN
 * all. The notice list and every marker that names a notice on a task use it.
 */
export function noticeScope(scope: AccessScope, n = 'n'): { where: string; params: Record<string, unknown> } {
  if (scope.user.role === UserRole.LIAISON)
    return { where: `${n}.department_id = :noticeDepartment`, params: { noticeDepartment: scope.departmentId } };
  if (scope.jurisdictionIds === null) return { where: 'true', params: {} };
  return {
    where: `${n}.department_id IN (SELECT nd.id FROM department nd WHERE nd.jurisdiction_id = ANY(:noticeJurisdictions))`,
    params: { noticeJurisdictions: scope.jurisdictionIds },
  };
}
