import type { EntityManager } from 'typeorm';
import { UserRole } from '@app/auth';
import type { Announcement, Audience } from '@app/notifications';
import { LEVEL_NAMES, type EscalationLevel } from '../ladder/escalation-policy.js';

/** One plan, level and department of a run: how many tasks reached that level. */
interface RunGroup {
  run_id: string;
  as_of: string;
  plan_id: string;
  plan_title: string;
  jurisdiction_id: string;
  level: EscalationLevel;
  department_id: string;
  department: string;
  tasks: number;
  earliest_due: string;
}

/**
 * The tasks each (plan, level, department) of a sweep run raised, counted at the highest level each
 * task reached in the run: a task found years late is announced once, at 纳入考核, not four times.
 * A 临期提醒 whose due date the sweep's date has passed is stale (将于 … 到期 would mislead) and left out.
 */
const RUN_GROUPS = `
  WITH run AS (SELECT id, as_of, first_outbox_id, last_outbox_id FROM escalation_sweep_run WHERE id = $1),
  raised AS (
    SELECT jsonb_array_elements_text(o.payload -> 'eventIds')::bigint AS event_id
    FROM run JOIN notification_outbox o ON o.id > run.first_outbox_id AND o.id <= run.last_outbox_id
    WHERE o.kind = 'ESCALATION'
  ),
  top AS (
    SELECT DISTINCT ON (e.task_id) e.task_id, e.level, e.due_date
    FROM raised r JOIN escalation_event e ON e.id = r.event_id
    ORDER BY e.task_id, e.level DESC
  )
  SELECT run.id AS run_id, run.as_of::text AS as_of, p.id AS plan_id, p.title AS plan_title, p.jurisdiction_id,
         top.level, t.department_id, d.short_name AS department, count(*)::int AS tasks,
         min(top.due_date)::text AS earliest_due
  FROM run CROSS JOIN top JOIN task t ON t.id = top.task_id JOIN plan p ON p.id = t.plan_id
  JOIN department d ON d.id = t.department_id
  WHERE NOT (top.level = 1 AND top.due_date < run.as_of)
  GROUP BY run.id, run.as_of, p.id, p.title, p.jurisdiction_id, top.level, t.department_id, d.short_name
  ORDER BY p.id, top.level, d.short_name`;

/**
 * A sweep run's news: one message per recipient, plan and level. Liaisons hear of their own
 * department's tasks (levels 1–2), the supervision office of the plan's (2–3), leaders of 4; each
 * message gives the count and links to the queue filtered by plan and level.
 */
export async function announceSweepRun(m: EntityManager, runId: string): Promise<Announcement[]> {
  const groups: RunGroup[] = await m.query(RUN_GROUPS, [runId]);
  const byPlanLevel = new Map<string, RunGroup[]>();
  for (const g of groups) {
    const key = `${g.plan_id}:${g.level}`;
    byPlanLevel.set(key, [...(byPlanLevel.get(key) ?? []), g]);
  }
  const departmentNews = groups.filter((g) => g.level <= 2).map(toDepartment);
  const jurisdictionNews = [...byPlanLevel.values()].filter(([g]) => g!.level >= 2).map(toJurisdiction);
  return [...departmentNews, ...jurisdictionNews];
}

function toDepartment(g: RunGroup): Announcement {
  const name = LEVEL_NAMES[g.level];
  return {
    sourceKey: `escalation-run:${g.as_of}:${g.run_id}:${g.plan_id}:${g.level}:${g.department_id}`,
    kind: `ESCALATION_${g.level}`,
    taskId: null,
    link: `/tasks?planId=${g.plan_id}&level=${g.level}`,
    subject: `【${name}】${g.department}：「${g.plan_title}」${g.tasks} 项任务`,
    message: `【${name}】「${g.plan_title}」中${g.department}承担的 ${g.tasks} 项任务${describe(g.level, g.earliest_due)}`,
    audience: [{ role: UserRole.LIAISON, departmentId: g.department_id }],
  };
}

function toJurisdiction(groups: RunGroup[]): Announcement {
  const g = groups[0]!;
  const tasks = groups.reduce((sum, x) => sum + x.tasks, 0);
  const earliest = groups.reduce((min, x) => (x.earliest_due < min ? x.earliest_due : min), g.earliest_due);
  const name = LEVEL_NAMES[g.level];
  const audience: Audience[] =
    g.level === 4
      ? [{ role: UserRole.LEADER, jurisdictionId: g.jurisdiction_id }]
      : [{ role: UserRole.SUPERVISOR, jurisdictionId: g.jurisdiction_id }];
  return {
    sourceKey: `escalation-run:${g.as_of}:${g.run_id}:${g.plan_id}:${g.level}`,
    kind: `ESCALATION_${g.level}`,
    taskId: null,
    link: `/overdue?planId=${g.plan_id}&level=${g.level}`,
    subject: `【${name}】「${g.plan_title}」${tasks} 项任务`,
    message: `【${name}】「${g.plan_title}」${groups.length} 个单位的 ${tasks} 项任务${describe(g.level, earliest)}`,
    audience,
  };
}

function describe(level: EscalationLevel, earliestDue: string): string {
  switch (level) {
    case 1:
      return `即将到期（最早 ${earliestDue}），请按时完成并报送进展。`;
    case 2:
      return `已到期尚未完成（最早期限 ${earliestDue}），列入逾期预警。`;
    case 3:
      return `逾期已满 10 个工作日，列入督办。`;
    case 4:
      return `逾期已满 30 天或督办单逾期未回复，纳入考核。`;
  }
}
