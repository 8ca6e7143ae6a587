import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { shanghaiToday } from '@app/common';
import type { AccessScope } from '@app/auth';
import { Department } from '@app/departments';
import { Measure, PlansService } from '@app/plans';
import { noticeScope } from '@app/supervision';
import { CLOSED_STATUSES, Task, TaskAccess } from '@app/tasks';
import type { MatrixCell, ResponsibilityMatrix } from './dtos/responsibility-matrix.type.js';

/**
 * 责任矩阵 of one plan, read from its tasks (the plan index) in three queries. Scope: ADMIN any plan,
 * SUPERVISOR and LEADER plans of their jurisdictions, a LIAISON only plans its department has tasks in —
 * and there, like every task read of a liaison, the measures its department takes part in, with every
 * department on them (a lead sees its cooperating departments).
 */
@Injectable()
export class ResponsibilityMatrixService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly access: TaskAccess,
  ) {}

  /**
   * `noticeNumbers: false` leaves each cell's noticeNumber out (undefined), for a caller that does not
   * read it: looking the open notice up is a subquery per task, two thirds of the cells' statement
   * on a 10,000-cell plan (63 → 26 ms), and the console's matrix does not ask for it.
   */
  async matrix(
    scope: AccessScope,
    planId: string,
    { noticeNumbers = true } = {},
    today = shanghaiToday(),
  ): Promise<ResponsibilityMatrix> {
    // One round trip: the access check and the three reads run together; nothing leaves unless the check passes.
    const [plan, cells, departments, measures] = await Promise.all([
      this.plans.get(scope, planId),
      this.cells(scope, planId, today, noticeNumbers),
      this.departmentsOf(planId),
      this.measuresOf(planId),
    ]);
    const departmentIds = new Set(cells.map((c) => c.departmentId));
    const measureIds = new Set(cells.map((c) => c.measureId));
    return {
      plan,
      departments: byLeads(
        departments.filter((d) => departmentIds.has(d.id)),
        cells,
      ),
      measures: measures.filter((m) => measureIds.has(m.id)),
      cells,
    };
  }

  private async cells(
    scope: AccessScope,
    planId: string,
    today: string,
    noticeNumbers: boolean,
  ): Promise<MatrixCell[]> {
    const qb = this.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .select('t.department_id', 'departmentId')
      .addSelect('t.measure_id', 'measureId')
      .addSelect('t.id', 'taskId')
      .addSelect('t.role', 'role')
      .addSelect('t.status', 'status')
      .addSelect('(t.due_date < :today AND t.status NOT IN (:...closed))', 'overdue')
      .addSelect('e.level', 'escalationLevel')
      .innerJoin('task_escalation', 'e', 'e.task_id = t.id')
      .where('t.plan_id = :planId', { planId, today, closed: CLOSED_STATUSES });
    if (noticeNumbers) {
      const visible = noticeScope(scope);
      qb.addSelect(
        `(SELECT n.number FROM supervision_notice_task nt JOIN supervision_notice n ON n.id = nt.notice_id
          WHERE nt.task_id = t.id AND n.status <> 'CLOSED' AND ${visible.sql}
          ORDER BY n.created_at DESC, n.id LIMIT 1)`,
        'noticeNumber',
      ).setParameters(visible.params);
    }
    return this.access.restrict(qb, scope).getRawMany<MatrixCell>();
  }

  private departmentsOf(planId: string): Promise<Department[]> {
    return this.dataSource
      .getRepository(Department)
      .createQueryBuilder('d')
      .where('d.id IN (SELECT department_id FROM task WHERE plan_id = :planId)', { planId })
      .getMany();
  }

  private measuresOf(planId: string): Promise<Measure[]> {
    return this.dataSource
      .getRepository(Measure)
      .createQueryBuilder('m')
      .where('m.plan_id = :planId', { planId })
      .orderBy('m.ordinal')
      .getMany();
  }
}

/** The department leading the most measures first. */
function byLeads(departments: Department[], cells: MatrixCell[]): Department[] {
  const leads = new Map<string, number>();
  for (const c of cells) leads.set(c.departmentId, (leads.get(c.departmentId) ?? 0) + (c.role === 'LEAD' ? 1 : 0));
  return departments.sort(
    (a, b) => (leads.get(b.id) ?? 0) - (leads.get(a.id) ?? 0) || a.shortName.localeCompare(b.shortName, 'zh-Hans-CN'),
  );
}
