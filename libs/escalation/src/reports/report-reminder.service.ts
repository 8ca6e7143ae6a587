import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { groupsWithin, policyGroups, reportKey } from '../policy/policy-groups.js';
import { latestClosedPeriod } from './report-period.js';

/**
 * Open tasks of the policy group ($1 plan ids, $2 inside or outside that list) that existed before
 * the period ended ($4) and have no progress report from its start ($3) to the end of its due day
 * ($5), after task id $6, $7 at a time: one reminder per task and period (unique), one outbox row
 * for the batch. $3…$5 are Asia/Shanghai midnights.
 */
const REMIND_BATCH = `
  WITH cand AS (
    SELECT t.id FROM task t
    WHERE t.status NOT IN ('COMPLETED','CANCELLED') AND (t.plan_id = ANY($1::uuid[])) = $2
      AND t.created_at < ($4::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND t.id > $6::uuid
    ORDER BY t.id LIMIT $7
  ),
  missing AS (
    SELECT c.id FROM cand c
    WHERE NOT EXISTS (
      SELECT 1 FROM progress_report r WHERE r.task_id = c.id
        AND r.submitted_at >= ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND r.submitted_at < ($5::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
  ),
  raised AS (
    INSERT INTO report_reminder (task_id, period_start, period_end, report_due, as_of, calendar_fallback)
    SELECT id, $3::date, $4::date - 1, $5::date, $8::date, $9 FROM missing
    ON CONFLICT (task_id, period_start) DO NOTHING
    RETURNING id, task_id
  ),
  announced AS (
    INSERT INTO notification_outbox (kind, payload)
    SELECT 'REPORT_MISSING', jsonb_build_object('reminderIds', jsonb_agg(r.id)) FROM raised r HAVING count(*) > 0
  )
  SELECT (SELECT count(*) FROM cand)::int AS candidates, (SELECT count(*) FROM raised)::int AS raised,
         (SELECT id FROM cand ORDER BY id DESC LIMIT 1) AS last_id`;

/**
 * 报送提醒: a task without a progress report in its last closed reporting period gets a reminder,
 * once per period. Each period is checked once per cadence (report_period_check), so the daily sweep
 * pays for the full pass over open tasks only on the first day after a report due date.
 */
@Injectable()
export class ReportReminderService {
  async remind(
    runner: QueryRunner,
    asOf: string,
    calendar: WorkingCalendar,
    unknownYears: Set<number>,
    batch: number,
    /** A jurisdiction's sweep: only these plans, and the period is not marked checked for everyone. */
    planIds: string[] | null = null,
  ): Promise<number> {
    let raised = 0;
    for (const group of groupsWithin(await policyGroups(runner.manager, reportKey), planIds)) {
      const reached = new Set<number>();
      const { reportCadence, reportDueWorkingDay } = group.policy;
      const period = latestClosedPeriod(asOf, reportCadence, reportDueWorkingDay, calendar, reached);
      reached.forEach((y) => unknownYears.add(y));
      const cadence = `${reportCadence}/${reportDueWorkingDay}${group.planIds ? `/${group.planIds.join(',')}` : ''}`;
      const done: unknown[] = await runner.query(
        'SELECT 1 FROM report_period_check WHERE cadence = $1 AND period_start = $2 AND report_due = $3',
        [cadence, period.start, period.reportDue],
      );
      if (done.length && !planIds) continue;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const [counts]: { candidates: number; raised: number; last_id: string | null }[] = await runner.query(
          REMIND_BATCH,
          [
            group.planIds ?? group.excludedPlanIds,
            group.planIds !== null,
            period.start,
            period.end,
            period.reportDue,
            after,
            batch,
            asOf,
            reached.size > 0,
          ],
        );
        raised += counts!.raised;
        if (counts!.candidates < batch) break;
        after = counts!.last_id!;
      }
      if (!planIds)
        await runner.query(
          'INSERT INTO report_period_check (cadence, period_start, report_due) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [cadence, period.start, period.reportDue],
        );
    }
    return raised;
  }
}
