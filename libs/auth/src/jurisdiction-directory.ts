import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What auth needs to know of the registry (行政区划 and 部门), whose tables libs/departments owns. */
export interface JurisdictionLookup {
  /** The jurisdiction's id and those of every jurisdiction below it. */
  subtree(rootId: string): Promise<string[]>;
  /** The department's jurisdiction; undefined when there is no such department. */
  jurisdictionOfDepartment(m: EntityManager, departmentId: string): Promise<string | undefined>;
  jurisdictionExists(m: EntityManager, jurisdictionId: string): Promise<boolean>;
}

/**
 * The registry as auth sees it. Auth sits below departments and names none of its tables:
 * libs/departments registers its lookup at module init (as it keeps `DepartmentMergeParticipants`
 * for the libs above it). A scope or placement asked before that is a wiring mistake and fails.
 */
@Injectable()
export class JurisdictionDirectory implements JurisdictionLookup {
  private lookup?: JurisdictionLookup;

  register(lookup: JurisdictionLookup): void {
    this.lookup = lookup;
  }

  subtree(rootId: string): Promise<string[]> {
    return this.registered().subtree(rootId);
  }

  jurisdictionOfDepartment(m: EntityManager, departmentId: string): Promise<string | undefined> {
    return this.registered().jurisdictionOfDepartment(m, departmentId);
  }

  jurisdictionExists(m: EntityManager, jurisdictionId: string): Promise<boolean> {
    return this.registered().jurisdictionExists(m, jurisdictionId);
  }

  private registered(): JurisdictionLookup {
    if (!this.lookup) throw new Error('no registry lookup registered: import DepartmentsModule beside AuthModule');
    return this.lookup;
  }
}
