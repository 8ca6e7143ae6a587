import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, isCalendarDate } from '@app/common';
import type { AccessScope } from '@app/auth';
import { PlansService } from '@app/plans';
import { SqlWhere } from '@app/database';
import type { DepartmentScorecard } from './dtos/department-scorecard.type.js';
import type { ScoringRules } from './dtos/scoring-rules.type.js';
import { leagueOrder, onTimeRate, scoreOf, withRanks, type ScorecardCounts } from './scoring.js';
import { ScoringRulesService } from './scoring-rules.service.js';

export interface ScorecardQuery {
  /** One plan, or every plan of the jurisdictions (all plans when null: ADMIN). */
  planId: string | null;
  jurisdictionIds: string[] | null;
  asOf: string;
  rules: ScoringRules;
}

type CountsRow = ScorecardCounts & { departmentId: string; name: string };

/**
 * 考核计分 as of a date: one SQL aggregate per department over its tasks (cancelled ones left out),
 * their escalation events, supervision notices and report reminders up to asOf; the score and the
 * league order follow from those counts (scoring.ts, docs/scoring.md).
 *
 * "As of" reads history where the data keeps it: a task counts as completed when it was accepted on
 * or before asOf (completed_at), open otherwise; due dates are the current ones.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly rules: ScoringRulesService,
  ) {}

  /** The live league table by the rules in force: of one plan, or of the caller's jurisdictions. */
  async live(scope: AccessScope, planId: string | null, asOf: string): Promise<DepartmentScorecard[]> {
    if (planId) await this.plans.get(scope, planId);
    return this.scorecards({
      planId,
      jurisdictionIds: planId ? null : scope.jurisdictionIds,
      asOf,
      rules: await this.rules.current(),
    });
  }

  async scorecards(query: ScorecardQuery, m: EntityManager = this.dataSource.manager): Promise<DepartmentScorecard[]> {
    if (!isCalendarDate(query.asOf)) throw new BadInputError('日期格式应为 YYYY-MM-DD (asOf must be YYYY-MM-DD)');
    const where = new SqlWhere()
      .and(`t.status <> 'CANCELLED'`)
      .andGiven('t.plan_id = :planId', { planId: query.planId })
      .andGiven('p.jurisdiction_id = ANY(:jurisdictionIds)', { jurisdictionIds: query.jurisdictionIds });
    const [sql, values] = m.dataSource.driver.escapeQueryWithParameters(
      `WITH scoped AS MATERIALIZED (
         SELECT t.id, t.department_id, t.due_date, t.original_due_date, t.created_at, c.done_on,
                c.done_on IS NOT NULL AND c.done_on <= :asOf AS done
         FROM task t JOIN plan p ON p.id = t.plan_id
         CROSS JOIN LATERAL (SELECT CASE WHEN t.status = 'COMPLETED'
           THEN (t.completed_at AT TIME ZONE 'Asia/Shanghai')::date END AS done_on) c
         WHERE ${where.sql}),
       window_bounds AS (
         SELECT ((:asOf::date - :reportWindowDays::int + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS since,
                ((:asOf::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS until),
       counts AS (
         SELECT s.department_id,
           count(*)::int AS tasks_total,
           count(*) FILTER (WHERE s.done)::int AS tasks_completed,
           count(*) FILTER (WHERE s.done AND s.done_on <= s.original_due_date)::int AS completed_on_time,
           count(*) FILTER (WHERE s.original_due_date < :asOf)::int AS tasks_due,
           count(*) FILTER (WHERE s.original_due_date < :asOf AND s.done AND s.done_on <= s.original_due_date)::int
             AS due_completed_on_time,
           count(*) FILTER (WHERE NOT s.done AND s.due_date < :asOf)::int AS overdue,
           -- 报送: open tasks that existed for a whole window are expected to have reported in it.
           count(*) FILTER (WHERE NOT s.done AND s.created_at < w.since)::int AS expected_reports,
           count(*) FILTER (WHERE NOT s.done AND s.created_at < w.since AND EXISTS (
             SELECT 1 FROM progress_report r
             WHERE r.task_id = s.id AND r.submitted_at >= w.since AND r.submitted_at < w.until))::int AS reported
         FROM scoped s CROSS JOIN window_bounds w GROUP BY s.department_id),
       escalations AS (
         SELECT s.department_id, array[
           count(*) FILTER (WHERE e.level = 1), count(*) FILTER (WHERE e.level = 2),
           count(*) FILTER (WHERE e.level = 3), count(*) FILTER (WHERE e.level = 4)]::int[] AS by_level
         FROM escalation_event e JOIN scoped s ON s.id = e.task_id
         WHERE e.as_of <= :asOf GROUP BY s.department_id),
       notices AS (
         SELECT n.department_id, count(*)::int AS n
         FROM supervision_notice n
         WHERE (n.created_at AT TIME ZONE 'Asia/Shanghai')::date <= :asOf
           AND EXISTS (SELECT 1 FROM supervision_notice_task nt JOIN scoped s ON s.id = nt.task_id
                       WHERE nt.notice_id = n.id)
         GROUP BY n.department_id),
       reminders AS (
         SELECT s.department_id, count(*)::int AS n
         FROM report_reminder rr JOIN scoped s ON s.id = rr.task_id
         WHERE rr.as_of <= :asOf GROUP BY s.department_id)
       SELECT c.department_id AS "departmentId", d.short_name AS name,
              c.tasks_total AS "tasksTotal", c.tasks_completed AS "tasksCompleted",
              c.completed_on_time AS "completedOnTime", c.tasks_due AS "tasksDue",
              c.due_completed_on_time AS "dueCompletedOnTime", c.overdue,
              coalesce(e.by_level, '{0,0,0,0}') AS "escalationsByLevel",
              coalesce(n.n, 0) AS "noticesIssued",
              CASE WHEN c.expected_reports > 0 THEN c.reported::float8 / c.expected_reports END AS "reportTimeliness",
              coalesce(r.n, 0) AS "reportReminders"
       FROM counts c JOIN department d ON d.id = c.department_id
       LEFT JOIN escalations e ON e.department_id = c.department_id
       LEFT JOIN notices n ON n.department_id = c.department_id
       LEFT JOIN reminders r ON r.department_id = c.department_id`,
      { ...where.params, asOf: query.asOf, reportWindowDays: query.rules.reportWindowDays },
    );
    const rows: CountsRow[] = await m.query(sql, values);
    const scored = rows.map((r) => ({ ...r, onTimeRate: onTimeRate(r), score: scoreOf(r, query.rules) }));
    return withRanks(leagueOrder(scored));
  }
}
