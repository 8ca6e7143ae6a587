import { LEVELS, type EscalationLevel } from '../ladder/escalation-policy.js';
import type { PolicyGroup } from '../policy/policy-groups.js';
import type { SweepPlan } from './sweep-plan.js';

// The sweep's set-based statements. Each is one statement, so the events it raises, the tasks'
// new levels and the outbox rows announcing them commit together or not at all.

/**
 * Tasks now at level $1 with a due date up to $2 (the next level's cutoff), after the cursor ($11 due
 * date, $12 task id: keyset order, so a backlog's batches never rescan what earlier ones moved), in the
 * policy group ($3 plan ids, $4 whether inside or outside that list), $5 at a time: raises every level
 * above $1 whose cutoff ($6 levels, $7 cutoffs) the due date has reached, flags those computed by the
 * weekday fallback ($8 levels, $9 due dates), moves the task to the highest, and writes one outbox row
 * for the batch (one dispatch job; a row per department cost a backlog 160,000 rows and jobs). Returns
 * the cursor of the next batch (last_due, last_id).
 *
 * Events exist only up to a task's level for its due date (the sweep, a notice and a due date's
 * return all move the level to the highest event), so the events above it are new: they go in
 * without ON CONFLICT, whose per-row check of the unique index and extra WAL record took 9 % of
 * PostgreSQL's time in a backlog. Should one exist all the same, the unique (task, level, due date)
 * key refuses the batch whole, and the sweep runs it again as RAISE_FROM_LEVEL_SKIPPING_EXISTING.
 */
export const RAISE_FROM_LEVEL = raiseFromLevel('');

/** RAISE_FROM_LEVEL raising nothing that exists: for a batch that met an event already raised. */
export const RAISE_FROM_LEVEL_SKIPPING_EXISTING = raiseFromLevel('ON CONFLICT (task_id, level, due_date) DO NOTHING');

/** The unique key RAISE_FROM_LEVEL relies on. */
export const EVENT_KEY = 'escalation_event_task_id_level_due_date_key';

function raiseFromLevel(onConflict: string): string {
  return `
  WITH cand AS (
    SELECT e.task_id AS id, e.due_date, e.ctid AS row FROM task_escalation e
    WHERE e.open AND e.level = $1 AND (e.due_date, e.task_id) > ($11::date, $12::uuid)
      AND e.due_date <= $2::date AND (e.plan_id = ANY($3::uuid[])) = $4
    -- The order of task_escalation_sweep_idx: without it the planner, misjudging how few rows match,
    -- may prefer a sequential scan that stops after $5 rows.
    ORDER BY e.level, e.due_date, e.task_id
    LIMIT $5
  ),
  ladder AS (SELECT * FROM unnest($6::int[], $7::date[]) AS l(level, cutoff)),
  fallback AS (SELECT * FROM unnest($8::int[], $9::date[]) AS f(level, due_date)),
  reached AS (
    SELECT c.id, c.due_date, c.row, l.level,
           EXISTS (SELECT 1 FROM fallback f WHERE f.level = l.level AND f.due_date = c.due_date) AS calendar_fallback
    FROM cand c JOIN ladder l ON c.due_date <= l.cutoff
  ),
  -- The update takes the row locks, and re-checks level and due date on any row a concurrent writer
  -- changed meanwhile (a new due date, a second sweep): only the rows it moved raise events. It finds
  -- them by the row address the candidate scan read, not by a second descent of the index. Rows go in
  -- task id order, the order of the indexes they land in, so each index page is visited once.
  moved AS (
    UPDATE task_escalation e SET level = top.level
    FROM (SELECT id, due_date, row, max(level) AS level FROM reached GROUP BY id, due_date, row ORDER BY id) top
    WHERE e.ctid = top.row AND e.level = $1 AND e.due_date = top.due_date AND e.open
    RETURNING e.task_id
  ),
  raised AS (
    INSERT INTO escalation_event (task_id, level, due_date, as_of, calendar_fallback)
    SELECT r.id, r.level, r.due_date, $10::date, r.calendar_fallback
    FROM reached r JOIN moved m ON m.task_id = r.id ORDER BY r.id, r.level
    ${onConflict}
    RETURNING id, task_id, level, calendar_fallback
  ),
  announced AS (
    INSERT INTO notification_outbox (kind, payload)
    SELECT 'ESCALATION', jsonb_build_object('eventIds', jsonb_agg(r.id)) FROM raised r HAVING count(*) > 0
  )
  SELECT (SELECT count(*) FROM cand)::int AS candidates, (SELECT count(*) FROM raised)::int AS raised,
         (SELECT count(*) FROM raised WHERE calendar_fallback)::int AS fallback, last.due_date::text AS last_due,
         (SELECT coalesce(jsonb_object_agg(level, n), '{}') FROM (SELECT level, count(*)::int AS n FROM raised GROUP BY level) l)
           AS by_level,
         last.id AS last_id
  FROM (SELECT NULL) one LEFT JOIN (SELECT due_date, id FROM cand ORDER BY due_date DESC, id DESC LIMIT 1) last ON true`;
}

/** The lowest cursor of a due-date lane: every task of its first day (exclusive lower bound) is past it. */
export const LAST_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * Level 4 for open tasks of a notice whose response was due before $1 and never came (of plans $2, or
 * all when null). What notices await, supervision reports (EscalationNotices, escalation_notice_due).
 */
export const RAISE_FOR_OVERDUE_NOTICES = `
  WITH overdue AS (
    SELECT task_id, min(notice_id::text)::uuid AS notice_id
    FROM escalation_notice_due
    WHERE awaiting AND response_due < $1::date
    GROUP BY task_id
  ),
  cand AS (
    SELECT e.task_id AS id, e.due_date, o.notice_id
    FROM task_escalation e JOIN overdue o ON o.task_id = e.task_id
    WHERE e.open AND e.level < 4 AND ($2::uuid[] IS NULL OR e.plan_id = ANY($2::uuid[]))
    FOR NO KEY UPDATE OF e
  ),
  raised AS (
    INSERT INTO escalation_event (task_id, level, due_date, as_of, notice_id)
    SELECT id, 4, due_date, $1::date, notice_id FROM cand
    ON CONFLICT (task_id, level, due_date) DO NOTHING
    RETURNING id, task_id
  ),
  moved AS (UPDATE task_escalation e SET level = 4 FROM cand WHERE e.task_id = cand.id),
  announced AS (
    INSERT INTO notification_outbox (kind, payload)
    SELECT 'ESCALATION', jsonb_build_object('eventIds', jsonb_agg(r.id)) FROM raised r HAVING count(*) > 0
  )
  SELECT (SELECT count(*) FROM raised)::int AS raised`;

/** The parameters of RAISE_FROM_LEVEL for the tasks now at level `from` of one policy group. */
export function raiseFromLevelParams(
  from: 0 | 1 | 2 | 3,
  asOf: string,
  plan: SweepPlan,
  group: PolicyGroup,
  batch: number,
  lane: { after: string; upTo: string } = { after: '-infinity', upTo: plan.cutoffs[(from + 1) as EscalationLevel] },
): unknown[] {
  const above = LEVELS.filter((l) => l > from);
  const fallback = plan.fallback.filter((f) => f.level > from);
  return [
    from,
    lane.upTo,
    group.planIds ?? group.excludedPlanIds,
    group.planIds !== null,
    batch,
    above,
    above.map((l) => plan.cutoffs[l]),
    fallback.map((f) => f.level),
    fallback.map((f) => f.dueDate),
    asOf,
    lane.after,
    LAST_UUID,
  ];
}

/** The parameters of RAISE_FROM_LEVEL's next batch: the same, after the last task of the previous one. */
export function nextBatchParams(params: unknown[], lastDue: string, lastId: string): unknown[] {
  return [...params.slice(0, 10), lastDue, lastId];
}
