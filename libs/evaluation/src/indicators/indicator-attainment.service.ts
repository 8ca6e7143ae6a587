import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, isCalendarDate } from '@app/common';
import type { Plan } from '@app/plans';
import { assessAttainment } from './attainment.js';
import type { IndicatorAttainment } from './dtos/indicator-attainment.type.js';

interface IndicatorRow {
  id: string;
  name: string;
  unit: string | null;
  baselineYear: number | null;
  baselineValue: string | null;
  targets: { year: number; value: string }[];
  value: string | null;
  valueYear: number | null;
}

/**
 * Indicator attainment of a plan as of a date. Departments report values in their progress reports
 * (`indicatorValues`); the latest one up to asOf (Asia/Shanghai) counts, whichever department filed it.
 */
@Injectable()
export class IndicatorAttainmentService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async attainment(
    plan: Plan,
    asOf: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<IndicatorAttainment[]> {
    if (!isCalendarDate(asOf)) throw new BadInputError('日期格式应为 YYYY-MM-DD (asOf must be YYYY-MM-DD)');
    const rows: IndicatorRow[] = await m.query(
      `WITH latest AS (
         SELECT DISTINCT ON (v->>'indicatorId') v->>'indicatorId' AS indicator_id, v->>'value' AS value,
                coalesce((v->>'year')::int, extract(year FROM r.submitted_at AT TIME ZONE 'Asia/Shanghai')::int) AS year
         FROM task t
         JOIN progress_report r ON r.task_id = t.id AND r.indicator_values <> '[]'
         CROSS JOIN jsonb_array_elements(r.indicator_values) v
         WHERE t.plan_id = $1 AND r.submitted_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
         ORDER BY v->>'indicatorId', r.submitted_at DESC, r.id DESC)
       SELECT i.id, i.name, i.unit, i.baseline_year AS "baselineYear", i.baseline_value AS "baselineValue",
              i.targets, l.value, l.year AS "valueYear"
       FROM indicator i LEFT JOIN latest l ON l.indicator_id = i.id::text
       WHERE i.plan_id = $1 ORDER BY i.ordinal`,
      [plan.id, asOf],
    );
    // Without a baseline year, the baseline describes the year before the plan starts.
    const planStart = plan.periodStart === null ? null : plan.periodStart - 1;
    return rows.map((r) => {
      const verdict = assessAttainment({
        targets: r.targets,
        baselineValue: r.baselineValue,
        startYear: r.baselineYear ?? planStart,
        reported: r.value === null ? null : { value: r.value, year: r.valueYear! },
        asOf,
      });
      return {
        indicatorId: r.id,
        name: r.name,
        unit: r.unit,
        baselineValue: r.baselineValue,
        value: r.value,
        valueYear: r.valueYear,
        ...verdict,
      };
    });
  }
}
