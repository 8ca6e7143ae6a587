import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedRows } from '@app/database';
import { IndicatorAttainmentService } from '@app/evaluation';
import type { Plan } from '@app/plans';
import type { PublicMeasure, PublicPlan, PublicPlanLink, PublicTask } from './public-plan.type.js';

interface TaskRow {
  measureId: string;
  code: string;
  title: string;
  section: string | null;
  deadline: string | null;
  taskId: string | null;
  department: string | null;
  role: string | null;
  status: string | null;
  percent: number | null;
  dueDate: string | null;
}

interface ReportRow {
  taskId: string;
  submittedOn: string;
  percent: number;
  narrative: string;
}

/** Versions are the same for every API process, so nothing has to tell the others of a change. */
export interface PlanVersion {
  public: boolean;
  key: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SQL of the public pages, over the tables of the libs this one imports (plans, tasks,
 * departments) and the indicator attainment of libs/evaluation. Cancelled tasks are left out: a
 * department moved off a measure (机构改革, a revision) no longer answers for it.
 */
@Injectable()
export class PublicPlansReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attainment: IndicatorAttainmentService,
  ) {}

  isId(id: string): boolean {
    return UUID.test(id);
  }

  /**
   * One cheap statement per request: whether the plan is public, and a key that changes whenever
   * what its page shows may have — any task change (every write to a task moves `updated_at`, a new
   * task is created with it; tasks are never deleted, only cancelled; filing a report, which can
   * change an indicator's value, writes its task), a report's publicity (`public_changed_at`), the
   * plan's own row. Prepared: planning it cost several times its execution. Null for no such plan.
   */
  async version(planId: string): Promise<PlanVersion | null> {
    const rows = await preparedRows<PlanVersion>(
      this.dataSource,
      `SELECT p.public, concat_ws('|', p.status, p.title,
                (SELECT max(t.updated_at) FROM task t WHERE t.plan_id = p.id),
                (SELECT max(r.public_changed_at) FROM task t
                   JOIN progress_report r ON r.task_id = t.id AND r.public_changed_at IS NOT NULL
                 WHERE t.plan_id = p.id)) AS key
       FROM plan p WHERE p.id = $1`,
      [planId],
    );
    return rows[0] ?? null;
  }

  async plan(planId: string, asOf: string): Promise<PublicPlan | null> {
    const plans: (Plan & { jurisdictionName: string })[] = await this.dataSource.query(
      `SELECT p.id, p.title, p.document_number AS "documentNumber", p.issuer, p.period_start AS "periodStart",
              p.period_end AS "periodEnd", p.jurisdiction_id AS "jurisdictionId", j.name AS "jurisdictionName"
       FROM plan p JOIN jurisdiction j ON j.id = p.jurisdiction_id WHERE p.id = $1 AND p.public`,
      [planId],
    );
    const plan = plans[0];
    if (!plan) return null;
    const [tasks, reports, indicators] = await Promise.all([
      this.dataSource.query<TaskRow[]>(
        `SELECT m.id AS "measureId", m.code, m.title, m.section_title AS section, m.deadline::text AS deadline,
                t.id AS "taskId", d.name AS department, t.role, t.status, t.progress_percent AS percent,
                t.due_date::text AS "dueDate"
         FROM measure m
         LEFT JOIN task t ON t.measure_id = m.id AND t.status <> 'CANCELLED'
         LEFT JOIN department d ON d.id = t.department_id
         WHERE m.plan_id = $1
         ORDER BY m.ordinal, CASE t.role WHEN 'LEAD' THEN 0 WHEN 'COOPERATING' THEN 1 ELSE 2 END, d.name`,
        [planId],
      ),
      this.dataSource.query<ReportRow[]>(
        `SELECT r.task_id AS "taskId", to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn",
                r.progress_percent AS percent, r.narrative
         FROM task t JOIN progress_report r ON r.task_id = t.id AND r.public
         WHERE t.plan_id = $1 ORDER BY r.submitted_at DESC, r.id DESC`,
        [planId],
      ),
      this.attainment.attainment(plan, asOf),
    ]);
    const reportsOf = new Map<string, PublicTask['reports']>();
    for (const r of reports) {
      const list = reportsOf.get(r.taskId) ?? [];
      list.push({ submittedOn: r.submittedOn, percent: r.percent, narrative: r.narrative });
      reportsOf.set(r.taskId, list);
    }
    const measures = new Map<string, PublicMeasure>();
    for (const row of tasks) {
      let measure = measures.get(row.measureId);
      if (!measure) {
        measure = { code: row.code, title: row.title, section: row.section, deadline: row.deadline, departments: [] };
        measures.set(row.measureId, measure);
      }
      if (row.taskId === null) continue;
      measure.departments.push({
        department: row.department!,
        role: row.role!,
        status: row.status!,
        percent: row.percent!,
        dueDate: row.dueDate!,
        overdue: row.dueDate! < asOf && row.status !== 'COMPLETED',
        reports: reportsOf.get(row.taskId) ?? [],
      });
    }
    const all = [...measures.values()].flatMap((m) => m.departments);
    return {
      id: plan.id,
      title: plan.title,
      documentNumber: plan.documentNumber,
      issuer: plan.issuer,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      jurisdiction: { id: plan.jurisdictionId, name: plan.jurisdictionName },
      asOf,
      summary: {
        measures: measures.size,
        tasks: all.length,
        completed: all.filter((t) => t.status === 'COMPLETED').length,
        overdue: all.filter((t) => t.overdue).length,
        averagePercent: all.length ? Math.round(all.reduce((s, t) => s + t.percent, 0) / all.length) : 0,
      },
      measures: [...measures.values()],
      indicators: indicators.map((i) => ({
        name: i.name,
        unit: i.unit,
        targetYear: i.targetYear,
        target: i.target,
        value: i.value,
        valueYear: i.valueYear,
        status: i.status,
      })),
    };
  }

  /** Null for a jurisdiction that does not exist; its public plans (possibly none) otherwise. */
  async jurisdictionPlans(
    jurisdictionId: string,
  ): Promise<{ jurisdiction: { id: string; name: string }; plans: PublicPlanLink[] } | null> {
    const found: { id: string; name: string }[] = await this.dataSource.query(
      'SELECT id, name FROM jurisdiction WHERE id = $1',
      [jurisdictionId],
    );
    if (!found[0]) return null;
    const plans: PublicPlanLink[] = await this.dataSource.query(
      `SELECT id, title, document_number AS "documentNumber", period_start AS "periodStart", period_end AS "periodEnd"
       FROM plan WHERE jurisdiction_id = $1 AND public ORDER BY published_at DESC NULLS LAST, title`,
      [jurisdictionId],
    );
    return { jurisdiction: found[0], plans };
  }
}
