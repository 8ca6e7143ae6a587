import type { EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '@app/common';
import type { JurisdictionDirectory } from './jurisdiction-directory.js';
import { UserRole } from './user-role.js';

/** Where an account sits: its role, its department (required for LIAISON), its jurisdiction. */
export interface UserPlacement {
  role: UserRole;
  departmentId?: string | null;
  jurisdictionId?: string | null;
}

export function assertLiaisonHasDepartment(placement: UserPlacement): void {
  if (placement.role === UserRole.LIAISON && !placement.departmentId)
    throw new BadInputError('联络员必须指定部门 (departmentId required for LIAISON)');
}

/**
 * The account's jurisdiction: its department's when it has one (a jurisdiction given as well must
 * be that one), else the one given, which only an ADMIN may go without.
 */
export async function resolveJurisdiction(
  m: EntityManager,
  registry: JurisdictionDirectory,
  placement: UserPlacement,
): Promise<string | null> {
  if (placement.departmentId) {
    const jurisdictionId = await registry.jurisdictionOfDepartment(m, placement.departmentId);
    if (!jurisdictionId) throw new NotFoundError('Department', placement.departmentId);
    if (placement.jurisdictionId && placement.jurisdictionId !== jurisdictionId)
      throw new BadInputError('部门不属于该辖区 (department is not in that jurisdiction)');
    return jurisdictionId;
  }
  if (!placement.jurisdictionId) {
    if (placement.role === UserRole.ADMIN) return null;
    throw new BadInputError('须指定辖区 (jurisdictionId required)');
  }
  if (!(await registry.jurisdictionExists(m, placement.jurisdictionId)))
    throw new NotFoundError('Jurisdiction', placement.jurisdictionId);
  return placement.jurisdictionId;
}
