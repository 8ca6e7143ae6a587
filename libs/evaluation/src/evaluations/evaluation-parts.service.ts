import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { groupByKeys, RequestLoaders } from '@app/common';
import type { Plan } from '@app/plans';
import type { IndicatorAttainment } from '../indicators/dtos/indicator-attainment.type.js';
import { IndicatorAttainmentService } from '../indicators/indicator-attainment.service.js';
import type { DepartmentScorecard } from '../scorecards/dtos/department-scorecard.type.js';
import type { ScoringRules } from '../scorecards/dtos/scoring-rules.type.js';
import { ScorecardsService } from '../scorecards/scorecards.service.js';
import { onTimeRate } from '../scorecards/scoring.js';

/**
 * The frozen parts of an evaluation: the league table and the indicator attainment of its plan as of
 * its date, written as rows in the evaluation's transaction and read back through per-request loaders.
 */
@Injectable()
export class EvaluationPartsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsService,
    private readonly attainment: IndicatorAttainmentService,
    private readonly loaders: RequestLoaders,
  ) {}

  /** Computes and stores both parts, replacing what a draft held. */
  async freeze(m: EntityManager, evaluationId: string, plan: Plan, asOf: string, rules: ScoringRules): Promise<void> {
    await m.query('DELETE FROM evaluation_scorecard WHERE evaluation_id = $1', [evaluationId]);
    await m.query('DELETE FROM evaluation_indicator WHERE evaluation_id = $1', [evaluationId]);
    const cards = await this.scorecards.scorecards({ planId: plan.id, jurisdictionIds: null, asOf, rules }, m);
    await m.query(
      `INSERT INTO evaluation_scorecard (evaluation_id, department_id, rank, position, tasks_total, tasks_completed,
         completed_on_time, tasks_due, due_completed_on_time, overdue, escalations_by_level, notices_issued,
         report_timeliness, report_reminders, score)
       SELECT $1, x."departmentId", x.rank, x.position, x."tasksTotal", x."tasksCompleted", x."completedOnTime", x."tasksDue",
              x."dueCompletedOnTime", x.overdue, x."escalationsByLevel", x."noticesIssued", x."reportTimeliness",
              x."reportReminders", x.score
       FROM jsonb_to_recordset($2::jsonb) AS x("departmentId" uuid, rank int, position int, "tasksTotal" int, "tasksCompleted" int,
         "completedOnTime" int, "tasksDue" int, "dueCompletedOnTime" int, overdue int, "escalationsByLevel" int[],
         "noticesIssued" int, "reportTimeliness" numeric, "reportReminders" int, score numeric)`,
      [evaluationId, JSON.stringify(cards.map((c, position) => ({ ...c, position })))],
    );
    const indicators = await this.attainment.attainment(plan, asOf, m);
    await m.query(
      `INSERT INTO evaluation_indicator (evaluation_id, indicator_id, ordinal, name, unit, baseline_value,
         target_year, target, value, value_year, status, reason)
       SELECT $1, x."indicatorId", x.ordinal, x.name, x.unit, x."baselineValue", x."targetYear", x.target,
              x.value, x."valueYear", x.status, x.reason
       FROM jsonb_to_recordset($2::jsonb) AS x("indicatorId" uuid, ordinal int, name text, unit text,
         "baselineValue" text, "targetYear" int, target text, value text, "valueYear" int, status text, reason text)`,
      [evaluationId, JSON.stringify(indicators.map((x, ordinal) => ({ ...x, ordinal })))],
    );
  }

  scorecardsLoader(request: object) {
    return this.loaders.get<string, DepartmentScorecard[]>(request, 'evaluation.scorecards', async (ids) => {
      const rows: (DepartmentScorecard & { evaluationId: string })[] = await this.dataSource.query(
        `SELECT s.evaluation_id AS "evaluationId", s.department_id AS "departmentId", d.short_name AS name, s.rank,
                s.tasks_total AS "tasksTotal", s.tasks_completed AS "tasksCompleted",
                s.completed_on_time AS "completedOnTime", s.tasks_due AS "tasksDue",
                s.due_completed_on_time AS "dueCompletedOnTime", s.overdue,
                s.escalations_by_level AS "escalationsByLevel", s.notices_issued AS "noticesIssued",
                s.report_timeliness::float8 AS "reportTimeliness", s.report_reminders AS "reportReminders",
                s.score::float8 AS score
         FROM evaluation_scorecard s JOIN department d ON d.id = s.department_id
         WHERE s.evaluation_id = ANY($1::uuid[]) ORDER BY coalesce(s.position, s.rank)`,
        [[...ids]],
      );
      const cards = rows.map((r) => ({ ...r, onTimeRate: onTimeRate(r) }));
      return groupByKeys(ids, cards, (r) => r.evaluationId);
    });
  }

  indicatorsLoader(request: object) {
    return this.loaders.get<string, IndicatorAttainment[]>(request, 'evaluation.indicators', async (ids) => {
      const rows: (IndicatorAttainment & { evaluationId: string })[] = await this.dataSource.query(
        `SELECT evaluation_id AS "evaluationId", indicator_id AS "indicatorId", name, unit,
                baseline_value AS "baselineValue", target_year AS "targetYear", target, value,
                value_year AS "valueYear", status, reason
         FROM evaluation_indicator WHERE evaluation_id = ANY($1::uuid[]) ORDER BY ordinal`,
        [[...ids]],
      );
      return groupByKeys(ids, rows, (r) => r.evaluationId);
    });
  }
}
