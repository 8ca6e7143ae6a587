// npm run bench:sweep — the escalation sweep on 1,000,000 synthetic tasks over 500 departments,
// generated with generate_series in a scratch database (created and dropped here): the backlog
// sweep (every overdue task never swept), the steady state the next working day, the monthly
// missing-report pass, and the EXPLAIN of the hot statement.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { Metrics, parseConfig } from '@app/common';
import { createDataSource, ensureDatabase, runMigrations } from '@app/database';
import {
  DEFAULT_POLICY,
  EscalationSweepService,
  HolidayCalendarService,
  ladderKey,
  planSweep,
  policyGroups,
  RAISE_FROM_LEVEL,
  raiseFromLevelParams,
  ReportReminderService,
  SWEEP_BATCH,
  SweepRuns,
} from '@app/escalation';
import { OutboxWriter } from '@app/notifications';
import { printMachineReference } from './support.js';

const BACKLOG_AS_OF = '2025-11-20'; // a Thursday
const STEADY_AS_OF = '2025-11-21'; // the next working day

async function generate(db: DataSource): Promise<void> {
  await db.query(`
    INSERT INTO jurisdiction (key, name, level) VALUES ('bench', '基准市', 'CITY');
    INSERT INTO department_function (code, name, name_template, short_template) VALUES ('BENCH', '基准', '{j}基准局', '基准局');
    INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
      SELECT 'bench.' || g, (SELECT id FROM jurisdiction WHERE key = 'bench'), 'BENCH', '基准部门' || g, '部门' || g
      FROM generate_series(1, 500) g;
    INSERT INTO plan_document (text_hash, text) VALUES ('bench', 'bench');
    INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line)
      SELECT (SELECT id FROM plan_document), g, '基准规划' || g, 'PUBLISHED', (SELECT id FROM jurisdiction WHERE key = 'bench'), '', 0, 0
      FROM generate_series(1, 20) g;
    INSERT INTO measure (plan_id, ordinal, code, title, text, source_line)
      SELECT p.id, g, p.ordinal || '.' || g, '措施' || g, '措施' || g, 0
      FROM plan p CROSS JOIN generate_series(1, 100) g;
  `);
  // 2,000 measures × 500 departments. Due dates spread over 1,000 days around the backlog date,
  // about 31.6% of them before it; 5% of tasks completed.
  await db.query(`
    WITH m AS (SELECT id, plan_id, row_number() OVER (ORDER BY id) AS n FROM measure),
         d AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM department WHERE key LIKE 'bench.%')
    INSERT INTO task (measure_id, plan_id, department_id, role, status, due_date, original_due_date, created_at)
    SELECT m.id, m.plan_id, d.id, 'RESPONSIBLE',
           CASE WHEN (m.n * 31 + d.n * 17) % 20 = 0 THEN 'COMPLETED' ELSE 'IN_PROGRESS' END,
           due, due, timestamptz '2024-01-01'
    FROM m CROSS JOIN d, LATERAL (SELECT date '${BACKLOG_AS_OF}' - 316 + ((m.n * 7 + d.n * 13) % 1000)::int AS due) x
  `);
  await db.query('VACUUM ANALYZE');
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { count: ms.length, max: sorted.at(-1) ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}

async function main(): Promise<void> {
  const base = parseConfig(process.env);
  const url = new URL(base.DATABASE_URL);
  const name = `luoshi_bench_sweep_${randomBytes(3).toString('hex')}`;
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const db = await createDataSource(url.toString()).initialize();
  try {
    await printMachineReference(url.toString());
    await runMigrations(db);
    let t0 = performance.now();
    await generate(db);
    const [{ tasks, overdue }] = await db.query(
      `SELECT count(*)::int AS tasks,
              count(*) FILTER (WHERE due_date < $1 AND status NOT IN ('COMPLETED','CANCELLED'))::int AS overdue FROM task`,
      [BACKLOG_AS_OF],
    );
    console.log(
      `generated ${tasks} tasks over 500 departments in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${overdue} open and overdue as of ${BACKLOG_AS_OF}`,
    );

    const calendars = new HolidayCalendarService(db);
    const reports = new ReportReminderService();
    const outbox = new OutboxWriter();
    const sweeps = new EscalationSweepService(db, calendars, reports, outbox, new SweepRuns(db, outbox), new Metrics());
    // The monthly missing-report pass is timed apart: mark its period checked for the escalation runs.
    await db.query(
      `INSERT INTO report_period_check (cadence, period_start, report_due) VALUES ('MONTHLY/5', '2025-10-01', '2025-11-07')`,
    );

    const batches: number[] = [];
    t0 = performance.now();
    const backlog = await sweeps.sweep(BACKLOG_AS_OF, { onBatch: (ms) => batches.push(ms) });
    const backlogMs = performance.now() - t0;
    const b = stats(batches);
    console.log(
      `backlog sweep as of ${BACKLOG_AS_OF}: ${backlog.raised} events in ${(backlogMs / 1000).toFixed(2)} s (target < 10 s); ` +
        `${b.count} batch statements of up to ${SWEEP_BATCH} tasks, median ${b.median.toFixed(0)} ms, max ${b.max.toFixed(0)} ms (target < 500 ms)`,
    );
    await db.query('VACUUM ANALYZE task, task_escalation, escalation_event, notification_outbox');

    const steadyRuns: { ms: number; raised: number }[] = [];
    for (const asOf of [STEADY_AS_OF, STEADY_AS_OF]) {
      t0 = performance.now();
      const r = await sweeps.sweep(asOf);
      steadyRuns.push({ ms: performance.now() - t0, raised: r.raised });
    }
    console.log(
      `steady-state sweep as of ${STEADY_AS_OF}: ${steadyRuns[0]!.raised} newly due in ${steadyRuns[0]!.ms.toFixed(0)} ms (target < 250 ms); ` +
        `run again: ${steadyRuns[1]!.raised} in ${steadyRuns[1]!.ms.toFixed(0)} ms`,
    );

    await db.query('DELETE FROM report_period_check');
    t0 = performance.now();
    const monthly = await sweeps.sweep(STEADY_AS_OF);
    console.log(
      `missing-report pass (first sweep after a report due date, over every open task): ${monthly.reportReminders} reminders in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
    );

    await explainHotStatement(db, calendars);
  } finally {
    await db.destroy();
    const admin = new pg.Client({ connectionString: base.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** The daily hot statement: tasks still at level 0 whose level 1 (临期提醒) came due. Run and rolled back. */
async function explainHotStatement(db: DataSource, calendars: HolidayCalendarService): Promise<void> {
  const asOf = '2025-11-24';
  const [{ min_due }] = await db.query(
    `SELECT min(due_date) AS min_due FROM task WHERE status NOT IN ('COMPLETED','CANCELLED')`,
  );
  const plan = planSweep(asOf, DEFAULT_POLICY, await calendars.calendar(), min_due);
  const [group] = await policyGroups(db.manager, ladderKey);
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const rows: { 'QUERY PLAN': string }[] = await runner.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${RAISE_FROM_LEVEL}`,
      raiseFromLevelParams(0, asOf, plan, group!, SWEEP_BATCH),
    );
    console.log(
      `\nEXPLAIN of the hot statement (tasks at level 0 → level 1, as of ${asOf}):\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`,
    );
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

await main();
