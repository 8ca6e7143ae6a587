// npm run bench:views — the leaders' views on 1,000,000 synthetic tasks (generate_series, in a scratch
// database created and dropped here) beside the five seed plans: the responsibility matrix of the
// largest seed plan, the jurisdiction-wide department × status overview, a 10,000-row ledger export.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditModule } from '@app/audit';
import { AccessScopeService, AuthModule, UserRole, UsersService, type AccessScope } from '@app/auth';
import { CommonModule, parseConfig, type AppConfig } from '@app/common';
import { DatabaseModule } from '@app/database';
import { DepartmentsModule } from '@app/departments';
import {
  EvaluationModule,
  LedgerExportsService,
  OverviewGrouping,
  ResponsibilityMatrixService,
  ScorecardsService,
  TaskOverviewService,
} from '@app/evaluation';
import { PlansModule } from '@app/plans';
import { TasksModule } from '@app/tasks';
import { SeedModule } from '../apps/cli/src/seed.module.js';
import { SeedService } from '../apps/cli/src/seed.service.js';
import { median, percentile, printMachineReference, scratchDatabase, startApi } from './support.js';

const DEPARTMENTS = 500;
const PLANS = 1_980;
const MEASURES_PER_PLAN = 100;
const TASKS_PER_MEASURE = 5;
const LEDGER_ROWS = 10_000;
const AS_OF = '2024-06-15'; // mid-month: the overview adds the days of June from the tasks themselves
const DEMO_PASSWORD = 'bench-password';
const MATRIX_QUERY = `query($p: ID!) { responsibilityMatrix(planId: $p) {
  plan { id title } departments { id shortName } measures { id code title }
  cells { departmentId measureId role status overdue escalationLevel } } }`;
const OVERVIEW_QUERY = `query($a: Date) { taskOverview(asOf: $a) {
  totals { total overdue } rows { department { shortName } notStarted inProgress pendingReview completed cancelled total overdue } } }`;

@Module({})
class ViewsBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ViewsBenchModule,
      imports: [
        CommonModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        AuthModule,
        DepartmentsModule,
        PlansModule,
        TasksModule,
        EvaluationModule,
      ],
    };
  }
}

/**
 * A city of 500 departments with 1,980 plans × 100 measures × 5 tasks, deadlines at month ends over
 * 2019–2027, statuses mixed; one more department holds 10,000 open overdue tasks (the ledger).
 */
async function generate(db: DataSource): Promise<void> {
  await db.query(`
    INSERT INTO jurisdiction (key, name, level, parent_id) SELECT 'bench', '基准市', 'CITY', id FROM jurisdiction WHERE key = 'cn';
    INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
      SELECT 'bench.d' || g, j.id, 'HEALTH', '基准市第' || g || '部门', '部门' || g
      FROM generate_series(0, ${DEPARTMENTS}) g, jurisdiction j WHERE j.key = 'bench';
    INSERT INTO plan_document (text_hash, text) VALUES ('bench-views', 'bench');
    INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line, period_start, period_end)
      SELECT d.id, g, '基准规划' || g, 'PUBLISHED', j.id, '', 1, 1, 2019, 2027
      FROM generate_series(1, ${PLANS}) g, plan_document d, jurisdiction j WHERE j.key = 'bench' AND d.text_hash = 'bench-views';
    INSERT INTO measure (plan_id, ordinal, code, title, text, deadline, source_line)
      SELECT p.id, g, '三.（' || g || '）', '基准措施' || g, '措施正文' || g,
             (date_trunc('month', DATE '2019-01-01') + ((p.ordinal * 7 + g) % 108 + 1) * interval '1 month' - interval '1 day')::date, g
      FROM plan p, generate_series(1, ${MEASURES_PER_PLAN}) g WHERE p.title LIKE '基准规划%';
  `);
  await db.query(`
    INSERT INTO task (measure_id, plan_id, department_id, role, status, progress_percent, due_date, original_due_date,
                      completed_at)
    SELECT m.id, m.plan_id, d.id, CASE WHEN k = 1 THEN 'LEAD' ELSE 'COOPERATING' END, s.status,
           CASE s.status WHEN 'COMPLETED' THEN 100 WHEN 'NOT_STARTED' THEN 0 ELSE 50 END,
           m.deadline, m.deadline,
           CASE WHEN s.status = 'COMPLETED' THEN m.deadline - (m.n % 40)::int + 20 END
    FROM (SELECT id, plan_id, deadline, row_number() OVER (ORDER BY id) AS n FROM measure WHERE title LIKE '基准措施%') m
    CROSS JOIN generate_series(1, ${TASKS_PER_MEASURE}) k
    CROSS JOIN LATERAL (SELECT (ARRAY['NOT_STARTED','IN_PROGRESS','IN_PROGRESS','PENDING_REVIEW','COMPLETED','COMPLETED',
                                      'COMPLETED','NOT_STARTED','IN_PROGRESS','CANCELLED'])[((m.n * 3 + k) % 10) + 1] AS status) s
    JOIN department d ON d.key = 'bench.d' || (((m.n * 7 + k) % ${DEPARTMENTS}) + 1);
  `);
  await db.query(`
    INSERT INTO task (measure_id, plan_id, department_id, role, status, progress_percent, due_date, original_due_date)
    SELECT m.id, m.plan_id, d.id, 'COOPERATING', 'IN_PROGRESS', 30, DATE '2023-12-31' - (m.n % 300)::int, DATE '2023-12-31' - (m.n % 300)::int
    FROM (SELECT id, plan_id, row_number() OVER (ORDER BY id) AS n FROM measure WHERE title LIKE '基准措施%') m, department d
    WHERE d.key = 'bench.d0' AND m.n <= ${LEDGER_ROWS};
    UPDATE task_escalation SET level = 1 + (abs(hashtext(task_id::text)) % 4)
      WHERE open AND due_date < DATE '${AS_OF}';
    ANALYZE;
  `);
}

async function time(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(10, rounds); i++) await fn(); // warm-up: plans, caches, JIT
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

const fmt = (ms: number[]) =>
  `p50 ${median(ms).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`;

/** The same reads end to end: GraphQL over HTTP to the built API, as a seed jurisdiction's leader. */
async function overHttp(
  databaseUrl: string,
  jurisdictionKey: string,
  planId: string,
  cityLeader: string,
): Promise<void> {
  const api = await startApi(databaseUrl, { JWT_SECRET: randomBytes(32).toString('hex') });
  try {
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, { token?: string }>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const login = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
    const token = async (u: string) => (await post(login, { u, p: DEMO_PASSWORD })).login!.token!;
    const seedLeader = await token(`${jurisdictionKey}.leader`);
    const matrixMs = await time(200, () => post(MATRIX_QUERY, { p: planId }, seedLeader));
    console.log(`responsibility matrix, end to end over GraphQL/HTTP as ${jurisdictionKey}.leader: ${fmt(matrixMs)}`);
    const city = await token(cityLeader);
    const overviewMs = await time(100, () => post(OVERVIEW_QUERY, { a: AS_OF }, city));
    console.log(`department × status overview of the city, end to end over GraphQL/HTTP: ${fmt(overviewMs)}`);
  } finally {
    api.stop();
  }
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('luoshi_bench_views');
  // Generating a million tasks takes single statements past the server's 30-s statement timeout.
  const config = {
    ...parseConfig(process.env),
    DATABASE_URL: scratch.url,
    LOG_LEVEL: 'silent' as const,
    DB_STATEMENT_TIMEOUT_MS: 600_000,
  };
  try {
    await printMachineReference(scratch.url);
    const seed = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: false });
    await seed.get(SeedService).run({ plans: true, demoPassword: DEMO_PASSWORD });
    await seed.close();

    const ctx = await NestFactory.createApplicationContext(ViewsBenchModule.forRoot(config), { logger: false });
    try {
      const db = ctx.get(DataSource);
      let t0 = performance.now();
      await generate(db);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM task t JOIN plan p ON p.id = t.plan_id
        JOIN jurisdiction j ON j.id = p.jurisdiction_id WHERE j.key = 'bench'`);
      const [{ all }] = await db.query('SELECT count(*)::int AS all FROM task');
      console.log(
        `generated ${n} synthetic tasks (${all} with the seed plans) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );

      const scopes = ctx.get(AccessScopeService);
      const leaderOf = async (jurisdictionId: string | null, role = UserRole.LEADER): Promise<AccessScope> =>
        scopes.of({ id: randomUUID(), username: 'bench', role, departmentId: null, jurisdictionId });

      const [largest] = await db.query(
        `SELECT p.id, p.title, p.jurisdiction_id, (SELECT key FROM jurisdiction WHERE id = p.jurisdiction_id) AS key,
                count(*)::int AS tasks, count(DISTINCT t.department_id)::int AS departments,
                count(DISTINCT t.measure_id)::int AS measures
         FROM task t JOIN plan p ON p.id = t.plan_id WHERE p.title NOT LIKE '基准规划%'
         GROUP BY p.id ORDER BY count(*) DESC LIMIT 1`,
      );
      const matrices = ctx.get(ResponsibilityMatrixService);
      const seedScope = await leaderOf(largest.jurisdiction_id);
      const matrixMs = await time(200, () => matrices.matrix(seedScope, largest.id));
      console.log(
        `responsibility matrix of the largest seed plan (${largest.tasks} cells, ${largest.departments} departments × ${largest.measures} measures): ${fmt(matrixMs)} (target p95 < 20 ms)`,
      );

      const [bench] = await db.query(`SELECT id FROM jurisdiction WHERE key = 'bench'`);
      const overviews = ctx.get(TaskOverviewService);
      const cityScope = await leaderOf(bench.id);
      const query = { groupBy: OverviewGrouping.DEPARTMENT, asOf: AS_OF };
      const overview = await overviews.overview(cityScope, query);
      const cityMs = await time(100, () => overviews.overview(cityScope, query));
      console.log(
        `department × status overview, leader of the city (${overview.totals.total} tasks, ${overview.rows.length} departments, ${overview.totals.overdue} overdue): ${fmt(cityMs)} (target < 50 ms)`,
      );
      const adminScope = await leaderOf(null, UserRole.ADMIN);
      const everything = await overviews.overview(adminScope, query);
      const adminMs = await time(100, () => overviews.overview(adminScope, query));
      console.log(`department × status overview, ADMIN (${everything.totals.total} tasks): ${fmt(adminMs)}`);
      const [d1] = await db.query(`SELECT id FROM department WHERE key = 'bench.d1'`);
      const byPlanMs = await time(50, () =>
        overviews.overview(cityScope, { groupBy: OverviewGrouping.PLAN, departmentId: d1.id, asOf: AS_OF }),
      );
      console.log(`drill-down, one department × its plans: ${fmt(byPlanMs)}`);

      const cityLeader = await ctx.get(UsersService).ensure({
        username: 'bench.leader',
        password: DEMO_PASSWORD,
        displayName: '基准市领导',
        role: UserRole.LEADER,
        jurisdictionId: bench.id,
      });
      await overHttp(scratch.url, largest.key, largest.id, cityLeader.username);

      const ledgers = ctx.get(LedgerExportsService);
      const [d0] = await db.query(`SELECT id FROM department WHERE key = 'bench.d0'`);
      t0 = performance.now();
      const file = await ledgers.overdueLedger(adminScope, { departmentId: d0.id }, AS_OF);
      console.log(
        `overdue ledger export, first run: ${(performance.now() - t0).toFixed(0)} ms (${(file.length / 1024).toFixed(0)} KB)`,
      );
      const ledgerMs = await time(5, () => ledgers.overdueLedger(adminScope, { departmentId: d0.id }, AS_OF));
      console.log(
        `overdue ledger export, ${LEDGER_ROWS} rows: median ${median(ledgerMs).toFixed(0)} ms, max ${Math.max(...ledgerMs).toFixed(0)} ms (target < 2 s)`,
      );

      const scorecards = ctx.get(ScorecardsService);
      t0 = performance.now();
      const table = await scorecards.live(cityScope, null, AS_OF);
      console.log(
        `(for reference) league table of the city, ${table.length} departments over ${n} tasks: ${(performance.now() - t0).toFixed(0)} ms`,
      );
    } finally {
      await ctx.close();
    }
  } finally {
    await scratch.drop();
  }
  console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

await main();
