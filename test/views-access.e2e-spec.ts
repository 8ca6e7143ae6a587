import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { CALLERS, createCallers, no, ok, type Caller, type Outcome } from './support/access-table.js';
import { codeOf, TestApp } from './support/test-app.js';
import { VIEWS_OPERATIONS } from './support/views-operations.js';
import { download, tokenOf, upload } from './support/xlsx.js';

// Setting up imports and publishes a seed plan: slow when the machine is busy.
jest.setTimeout(60_000);

/** The leaders' views as a table: every query, mutation and Excel endpoint × role × own or other scope. */

/** Plan-scoped reads: the plan's jurisdiction, and liaisons whose department has tasks in it. */
const planReaders = {
  admin: ok,
  'sup.own': ok,
  'sup.other': no,
  'leader.own': ok,
  'leader.other': no,
  'liaison.own': ok,
  'liaison.other': no,
};
/** Leaders' reads of one plan. */
const planViewers = { ...planReaders, 'liaison.own': no };
/** Leaders' reads across the caller's own reach: other jurisdictions get empty answers, not refusals. */
const viewers = {
  admin: ok,
  'sup.own': ok,
  'sup.other': ok,
  'leader.own': ok,
  'leader.other': ok,
  'liaison.own': no,
  'liaison.other': no,
};
const evaluators = {
  admin: ok,
  'sup.own': ok,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': no,
  'liaison.other': no,
};
const adminOnly = { ...evaluators, 'sup.own': no };
const everyone = {
  admin: ok,
  'sup.own': ok,
  'sup.other': ok,
  'leader.own': ok,
  'leader.other': ok,
  'liaison.own': ok,
  'liaison.other': ok,
};
const ownLiaisons = {
  admin: no,
  'sup.own': no,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': ok,
  'liaison.other': ok,
};

interface Operation {
  name: string;
  query: string;
  prepare: (caller: Caller) => Promise<Record<string, unknown>>;
  expect: Record<Caller, Outcome>;
}

describe("leaders' views: access by role and scope", () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let published = 0;
  const tokens = {} as Record<Caller, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await createCallers(t, 'chongqing.HEALTH');
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    for (const c of CALLERS) tokens[c] = await tokenOf(t, c);
  });
  afterAll(() => t.stop());

  /** A draft evaluation of the plan, inserted as the service would leave it. */
  const draft = async (kind = 'MID_TERM'): Promise<string> =>
    (
      await db.query(
        `INSERT INTO evaluation (plan_id, kind, title, as_of, rules_id, created_by)
         SELECT $1, $2, '测试评估', '2020-12-31', (SELECT id FROM scoring_rules LIMIT 1), (SELECT id FROM app_user WHERE username = 'admin')
         RETURNING id`,
        [planId, kind],
      )
    )[0].id;

  const operations: Operation[] = [
    {
      name: 'responsibilityMatrix',
      query: 'query($p: ID!) { responsibilityMatrix(planId: $p) { cells { taskId } } }',
      prepare: async () => ({ p: planId }),
      expect: planReaders,
    },
    {
      name: 'taskOverview',
      query: '{ taskOverview { totals { total } } }',
      prepare: async () => ({}),
      expect: viewers,
    },
    {
      name: 'taskOverview of a plan',
      query: 'query($p: ID) { taskOverview(planId: $p) { totals { total } } }',
      prepare: async () => ({ p: planId }),
      expect: planViewers,
    },
    {
      name: 'indicatorAttainment',
      query: 'query($p: ID!) { indicatorAttainment(planId: $p) { status } }',
      prepare: async () => ({ p: planId }),
      expect: planReaders,
    },
    {
      name: 'departmentScorecards',
      query: 'query($p: ID) { departmentScorecards(planId: $p, asOf: "2020-12-31") { score } }',
      prepare: async () => ({ p: planId }),
      expect: planViewers,
    },
    {
      name: 'departmentScorecards across the reach',
      query: '{ departmentScorecards(asOf: "2020-12-31") { score } }',
      prepare: async () => ({}),
      expect: viewers,
    },
    { name: 'scoringRules', query: '{ scoringRules { id } }', prepare: async () => ({}), expect: viewers },
    {
      name: 'updateScoringRules',
      query: 'mutation { updateScoringRules(input: { noticePenalty: 1 }) { id } }',
      prepare: async () => ({}),
      expect: adminOnly,
    },
    {
      name: 'evaluations',
      query: 'query($p: ID!) { evaluations(planId: $p) { id } }',
      prepare: async () => ({ p: planId }),
      expect: planViewers,
    },
    {
      name: 'evaluation',
      query: 'query($id: ID!) { evaluation(id: $id) { id scorecards { score } } }',
      prepare: async () => ({ id: await draft() }),
      expect: planViewers,
    },
    {
      name: 'createEvaluation',
      query: 'mutation($p: ID!) { createEvaluation(input: { planId: $p, kind: MID_TERM, asOf: "2020-12-31" }) { id } }',
      prepare: async () => ({ p: planId }),
      expect: evaluators,
    },
    {
      name: 'recomputeEvaluation',
      query: 'mutation($id: ID!) { recomputeEvaluation(id: $id) { id } }',
      prepare: async () => ({ id: await draft() }),
      expect: evaluators,
    },
    {
      name: 'publishEvaluation',
      query: 'mutation($id: ID!) { publishEvaluation(id: $id) { id } }',
      // One of each kind can be published: the two callers allowed publish one each.
      prepare: async (caller) => ({ id: await draft(evaluators[caller] === ok && published++ ? 'FINAL' : 'MID_TERM') }),
      expect: evaluators,
    },
  ];

  it.each(operations.flatMap((op) => CALLERS.map((c) => [op.name, c, op.expect[c], op] as const)))(
    '%s by %s → %s',
    async (_, caller, outcome, op) => {
      const res = await t.gql(op.query, await op.prepare(caller), caller);
      if (outcome === 'ok') expect(res.errors).toBeUndefined();
      else expect(codeOf(res)).toBe('FORBIDDEN');
    },
  );

  it('has a row for every query and mutation of the views', () => {
    const named = new Set(operations.map((o) => o.name.split(' ')[0]));
    expect(VIEWS_OPERATIONS.filter((name) => !named.has(name))).toEqual([]);
  });

  const endpoints: { path: () => Promise<string>; expect: Record<Caller, Outcome>; post?: boolean }[] = [
    { path: async () => `/exports/plans/${planId}/responsibility-matrix.xlsx`, expect: planReaders },
    { path: async () => `/exports/overdue-ledger.xlsx?planId=${planId}`, expect: everyone },
    { path: async () => `/exports/scorecards.xlsx?planId=${planId}&asOf=2020-12-31`, expect: planViewers },
    { path: async () => `/exports/scorecards.xlsx?asOf=2020-12-31`, expect: viewers },
    { path: async () => `/exports/evaluations/${await draft()}/evaluation.xlsx`, expect: planViewers },
    {
      path: async () =>
        `/exports/department-ledger.xlsx?departmentId=${(await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`))[0].id}`,
      expect: { ...evaluators, 'sup.other': ok, 'liaison.own': ok, 'liaison.other': ok },
    },
    { path: async () => '/imports/department-ledger', expect: ownLiaisons, post: true },
  ];

  it.each(endpoints.flatMap((e, i) => CALLERS.map((c) => [i, c, e.expect[c], e] as const)))(
    'Excel endpoint %i by %s → %s',
    async (_, caller, outcome, e) => {
      const path = await e.path();
      const res = e.post
        ? await upload(t, path, Buffer.from('not a workbook'), 'x.xlsx', tokens[caller])
        : await download(t, path, tokens[caller]);
      if (outcome === 'ok')
        expect([200, 400]).toContain(res.status); // an upload of nothing useful is bad input
      else expect([res.status, res.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((e.post ? await upload(t, path, Buffer.from('x'), 'x.xlsx') : await download(t, path)).status).toBe(401);
    },
  );
});
