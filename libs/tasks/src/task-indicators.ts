import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, groupByKeys, RequestLoaders } from '@app/common';
import { Indicator } from '@app/plans';

/**
 * 指标填报: who reports a plan's indicator values. An indicator belongs to the plan as a whole (its
 * table is printed beside the measures, not under one), so the plan's lead department (牵头部门)
 * reports them from any of its tasks of that plan. Where the plan names no lead, or its lead has no
 * task in it, the lead (LEAD) tasks of the plan do.
 */
const REPORTS_INDICATORS = `(t.department_id = p.lead_department_id
  OR (t.role = 'LEAD' AND NOT EXISTS (
        SELECT 1 FROM task x WHERE x.plan_id = p.id AND x.department_id = p.lead_department_id)))`;

/** An indicator as one task reports it. */
export type ReportableIndicator = Indicator & { taskId: string };

@Injectable()
export class TaskIndicators {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
  ) {}

  /** The indicators each task reports values for, in the plan's order; empty for the others. */
  loader(request: object) {
    return this.loaders.get<string, Indicator[]>(request, 'task.reportableIndicators', async (taskIds) =>
      groupByKeys(taskIds, await this.reportable([...taskIds]), (r) => r.taskId),
    );
  }

  /** The (task, indicator) pairs among these tasks, by indicator ordinal. */
  reportable(taskIds: string[]): Promise<ReportableIndicator[]> {
    if (!taskIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT t.id AS "taskId", i.id, i.plan_id AS "planId", i.ordinal, i.name, i.unit, i.category,
              i.baseline_year AS "baselineYear", i.baseline_value AS "baselineValue", i.targets, i.nature,
              i.source_line AS "sourceLine"
       FROM task t JOIN plan p ON p.id = t.plan_id JOIN indicator i ON i.plan_id = t.plan_id
       WHERE t.id = ANY($1::uuid[]) AND ${REPORTS_INDICATORS}
       ORDER BY i.ordinal`,
      [taskIds],
    );
  }

  /** Refuses values of indicators outside the task's plan, or from a task that does not report them. */
  async assertReportable(m: EntityManager, taskId: string, indicatorIds: string[]): Promise<void> {
    const ids = [...new Set(indicatorIds)];
    if (!ids.length) return;
    const rows: { id: string; reportable: boolean }[] = await m.query(
      `SELECT i.id, ${REPORTS_INDICATORS} AS reportable
       FROM task t JOIN plan p ON p.id = t.plan_id JOIN indicator i ON i.plan_id = t.plan_id
       WHERE t.id = $1 AND i.id = ANY($2::uuid[])`,
      [taskId, ids],
    );
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length)
      throw new BadInputError(`指标不属于该规划 (indicators not in this plan): ${missing.join(', ')}`);
    if (rows.some((r) => !r.reportable))
      throw new BadInputError('指标值由规划牵头部门填报 (indicator values are reported by the lead department)');
  }
}
