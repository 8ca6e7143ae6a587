import { Injectable } from '@nestjs/common';

/** Whether a department has work in a plan, as the lib that keeps that work (libs/tasks) answers it. */
export interface DepartmentPlanWorkSource {
  /** A SQL condition on a plan aliased `p`: the department bound as `:dep` has work in it. */
  readonly condition: string;
  hasWork(planId: string, departmentId: string): Promise<boolean>;
}

/**
 * A liaison reads the plans its department has tasks in. Tasks sit above plans, so plans names no
 * table of theirs: libs/tasks registers the answer at module init (as it joins
 * `DepartmentMergeParticipants`). A liaison's plans asked before that is a wiring mistake and fails.
 */
@Injectable()
export class DepartmentPlanWork {
  private source?: DepartmentPlanWorkSource;

  register(source: DepartmentPlanWorkSource): void {
    this.source = source;
  }

  get registered(): DepartmentPlanWorkSource {
    if (!this.source) throw new Error('no lib registered the plans a department works in (import TasksModule)');
    return this.source;
  }
}
