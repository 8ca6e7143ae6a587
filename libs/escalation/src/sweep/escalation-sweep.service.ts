import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter, Histogram } from 'prom-client';
import type { DataSource, QueryRunner } from 'typeorm';
import { isUniqueViolation, Metrics } from '@app/common';
import { OutboxWriter } from '@app/notifications';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service.js';
import { addDays, daysBetween } from '../calendar/calendar-date.js';
import type { EscalationLevel } from '../ladder/escalation-policy.js';
import { groupsWithin, ladderKey, policyGroups } from '../policy/policy-groups.js';
import { ReportReminderService } from '../reports/report-reminder.service.js';
import {
  EVENT_KEY,
  nextBatchParams,
  RAISE_FOR_OVERDUE_NOTICES,
  RAISE_FROM_LEVEL,
  RAISE_FROM_LEVEL_SKIPPING_EXISTING,
  raiseFromLevelParams,
} from './escalation-sweep.statements.js';
import { planSweep } from './sweep-plan.js';
import { SweepRuns } from './sweep-runs.service.js';

/** Tasks per statement: a backlog goes in batches, each a short transaction of its own. */
export const SWEEP_BATCH = 1_000;
/** Connections a sweep works on at once, and due-date lanes per level. */
const LANES = 2;

interface BatchCounts {
  candidates: number;
  raised: number;
  fallback: number;
  last_due: string | null;
  last_id: string | null;
  /** Events raised, by the level they raised ("1"…"4"). */
  by_level: Record<string, number>;
}

export interface SweepOptions {
  batch?: number;
  /** A supervision office's sweep: only the plans of this jurisdiction and those below it. */
  jurisdictionId?: string | null;
  /** Told of every batch statement: how long it took and what it raised (the benchmark's figures). */
  onBatch?: (ms: number, raised: number) => void;
}

export interface SweepOutcome {
  asOf: string;
  /** Escalation events newly raised. */
  raised: number;
  /** Of those, how many were dated by the weekday fallback for a year without a schedule. */
  calendarFallback: number;
  /** Missing-report reminders newly raised (not escalation events). */
  reportReminders: number;
  unknownYears: number[];
}

/**
 * 升级巡检 the escalation sweep. Idempotent per (task, level, due date); one sweep at a time across
 * every API and worker process (a session advisory lock), though the unique key alone would keep
 * concurrent sweeps from raising anything twice.
 */
@Injectable()
export class EscalationSweepService {
  private readonly logger = new Logger(EscalationSweepService.name);
  private readonly duration: Histogram<'scope'>;
  private readonly raisedByLevel: Counter<'level'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: HolidayCalendarService,
    private readonly reports: ReportReminderService,
    private readonly outbox: OutboxWriter,
    private readonly runs: SweepRuns,
    metrics: Metrics,
  ) {
    this.duration = metrics.histogram('escalation_sweep_duration_seconds', 'Escalation sweeps (升级巡检)', ['scope']);
    this.raisedByLevel = metrics.counter('escalations_raised_total', 'Escalation events raised, by level', ['level']);
  }

  /** In a worker (or a script): waits for a sweep under way elsewhere, however long it takes. */
  async sweep(asOf: string, options: SweepOptions = {}): Promise<SweepOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // The wait for the lock is one statement: DB_STATEMENT_TIMEOUT_MS must not cut it short.
      await runner.query('SET statement_timeout = 0');
      await runner.query(`SELECT pg_advisory_lock(${SWEEP_LOCK})`);
      await runner.query('RESET statement_timeout');
      // Only a full sweep (no jurisdiction) counts for the catch-up: a supervisor's scoped one is not.
      const runId = await this.runs.start(runner, asOf, options.jurisdictionId ?? null);
      const end = this.duration.startTimer({ scope: options.jurisdictionId ? 'jurisdiction' : 'all' });
      const outcome = await this.sweepLocked(runner, asOf, options);
      end();
      await this.runs.finish(runId);
      return outcome;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${SWEEP_LOCK})`).catch(() => undefined);
      await runner.query('RESET statement_timeout').catch(() => undefined);
      await runner.release();
    }
  }

  /** Whether a sweep holds the lock now; asks without waiting (one statement, so one session). */
  async isRunning(): Promise<boolean> {
    const [{ free }]: { free: boolean }[] = await this.dataSource.query(
      `SELECT CASE WHEN pg_try_advisory_lock(${SWEEP_LOCK}) THEN pg_advisory_unlock(${SWEEP_LOCK}) ELSE false END AS free`,
    );
    return !free;
  }

  private async sweepLocked(runner: QueryRunner, asOf: string, options: SweepOptions): Promise<SweepOutcome> {
    const batch = options.batch ?? SWEEP_BATCH;
    const calendar = await this.calendars.calendar(runner.manager);
    const [{ min_due: minDue }]: { min_due: string | null }[] = await runner.query(
      `SELECT min(due_date) AS min_due FROM task WHERE status NOT IN ('COMPLETED','CANCELLED')`,
    );
    const scopePlans = options.jurisdictionId ? await plansUnder(runner, options.jurisdictionId) : null;
    const unknownYears = new Set<number>();
    let raised = 0;
    let calendarFallback = 0;
    // Tasks now at different levels, or due in different date ranges, are disjoint sets: their
    // statements run side by side on several connections without waiting on each other's rows.
    const work: (() => Promise<void>)[] = [];
    for (const group of groupsWithin(await policyGroups(runner.manager, ladderKey), scopePlans)) {
      const plan = planSweep(asOf, group.policy, calendar, minDue);
      plan.unknownYears.forEach((y) => unknownYears.add(y));
      for (const from of [0, 1, 2, 3] as const) {
        for (const lane of dueDateLanes(minDue, plan.cutoffs[(from + 1) as EscalationLevel], LANES)) {
          work.push(async () => {
            const counts = await this.raiseFromLevel(
              raiseFromLevelParams(from, asOf, plan, group, batch, lane),
              batch,
              options.onBatch,
            );
            raised += counts.raised;
            calendarFallback += counts.fallback;
          });
        }
      }
    }
    await runConcurrently(work, LANES);
    const [{ raised: byNotices }]: { raised: number }[] = await runner.query(RAISE_FOR_OVERDUE_NOTICES, [
      asOf,
      scopePlans,
    ]);
    raised += byNotices;
    if (byNotices) this.raisedByLevel.inc({ level: '4' }, byNotices);
    const reportReminders = await this.reports.remind(runner, asOf, calendar, unknownYears, batch, scopePlans);
    if (unknownYears.size) await this.warnUnknownYears(runner, asOf, [...unknownYears].sort(), calendarFallback);
    return { asOf, raised, calendarFallback, reportReminders, unknownYears: [...unknownYears].sort() };
  }

  /** Moves the tasks of one level and lane up to the highest level due, in batches until none is left. */
  private async raiseFromLevel(params: unknown[], batch: number, onBatch?: SweepOptions['onBatch']) {
    const total = { raised: 0, fallback: 0 };
    for (;;) {
      const started = performance.now();
      const counts = await this.raiseBatch(params);
      onBatch?.(performance.now() - started, counts.raised);
      for (const [level, n] of Object.entries(counts.by_level)) this.raisedByLevel.inc({ level }, n);
      total.raised += counts.raised;
      total.fallback += counts.fallback;
      if (counts.candidates < batch) return total;
      // The next batch starts after the last task of this one (keyset order).
      params = nextBatchParams(params, counts.last_due!, counts.last_id!);
    }
  }

  /** One batch; refused whole when it meets an event already raised, then run again skipping it. */
  private async raiseBatch(params: unknown[]): Promise<BatchCounts> {
    try {
      const [counts]: BatchCounts[] = await this.dataSource.query(RAISE_FROM_LEVEL, params);
      return counts!;
    } catch (error) {
      if (!isUniqueViolation(error, EVENT_KEY)) throw error;
      this.logger.warn("an escalation event above its task's level already existed; batch run again skipping it");
      const [counts]: BatchCounts[] = await this.dataSource.query(RAISE_FROM_LEVEL_SKIPPING_EXISTING, params);
      return counts!;
    }
  }

  /** Never silent: an unknown year is logged and announced to every ADMIN, once per year set and date. */
  private async warnUnknownYears(
    runner: QueryRunner,
    asOf: string,
    years: number[],
    fallbackEvents: number,
  ): Promise<void> {
    this.logger.warn(
      `holiday schedule missing for ${years.join(', ')}: working days there follow Monday–Friday ` +
        `(sweep as of ${asOf}, ${fallbackEvents} events flagged calendar_fallback); load it with loadHolidaySchedule`,
    );
    await this.outbox.write(
      runner.manager,
      'CALENDAR_UNKNOWN_YEAR',
      { years, asOf },
      `calendar-unknown:${years.join(',')}:${asOf}`,
    );
  }
}

const SWEEP_LOCK = `hashtext('luoshi'), hashtext('escalation-sweep')`;

/** The plans of a jurisdiction and those below it. */
async function plansUnder(runner: QueryRunner, jurisdictionId: string): Promise<string[]> {
  const rows: { id: string }[] = await runner.query(
    `WITH RECURSIVE j AS (SELECT id FROM jurisdiction WHERE id = $1
       UNION ALL SELECT c.id FROM jurisdiction c JOIN j ON c.parent_id = j.id)
     SELECT p.id FROM plan p JOIN j ON j.id = p.jurisdiction_id`,
    [jurisdictionId],
  );
  return rows.map((r) => r.id);
}

/**
 * Splits due dates up to `cutoff` into `n` ranges (lower bound exclusive, upper inclusive) so a
 * backlog is worked on in parallel; the first range is open below.
 */
export function dueDateLanes(minDue: string | null, cutoff: string, n: number): { after: string; upTo: string }[] {
  if (!minDue || minDue > cutoff) return [];
  const days = daysBetween(minDue, cutoff) + 1;
  const bounds = [
    ...new Set(Array.from({ length: n - 1 }, (_, i) => addDays(minDue, Math.floor(((i + 1) * days) / n) - 1))),
  ].filter((d) => d >= minDue && d < cutoff);
  const uppers = [...bounds, cutoff];
  return uppers.map((upTo, i) => ({ after: i ? uppers[i - 1]! : '-infinity', upTo }));
}

async function runConcurrently(work: (() => Promise<void>)[], limit: number): Promise<void> {
  const queue = [...work];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }),
  );
}
