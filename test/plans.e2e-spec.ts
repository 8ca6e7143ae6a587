import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { repoPath } from '../libs/common/src/index.js';
import { codeOf, TestApp } from './support/test-app.js';

const SEED_001 = readFileSync(repoPath('seeds', 'plans', '001_2d3bd1353c5f7903.txt'), 'utf8');
const SEED_002 = readFileSync(repoPath('seeds', 'plans', '002_d72ed5decfcbc710.txt'), 'utf8');

const IMPORT = `mutation($input: ImportPlanDocumentInput!) {
  importPlanDocument(input: $input) { warnings plans { id title status documentNumber periodStart periodEnd jurisdiction { key } } }
}`;
const PLAN = `query($id: ID!) { plan(id: $id) { id status taskCount leadDepartment { functionCode }
  measures { id code title deadline assignments { id role explicit source mentionedAs department { id functionCode } } tasks { id } }
  indicators { name targets { year value } nature } } }`;

interface PlanView {
  id: string;
  status: string;
  taskCount: number;
  leadDepartment: { functionCode: string } | null;
  measures: {
    id: string;
    code: string;
    title: string;
    deadline: string | null;
    assignments: {
      id: string;
      role: string;
      explicit: boolean;
      source: string;
      mentionedAs: string;
      department: { id: string; functionCode: string };
    }[];
    tasks: { id: string }[];
  }[];
  indicators: { name: string; targets: { year: number; value: string }[]; nature: string | null }[];
}

describe('importing, reviewing and publishing plans', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('plans.admin', UserRole.ADMIN);
    await t.user('plans.tz.supervisor', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('plans.cq.supervisor', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('plans.tz.leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('plans.tz.health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
  });
  afterAll(() => t.stop());

  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM plan_document) AS docs, (SELECT count(*) FROM plan) AS plans,
              (SELECT count(*) FROM measure) AS measures, (SELECT count(*) FROM department) AS departments`,
      )
    )[0];

  it('imports seed 001 as a draft plan of 滕州市 with measures, assignments and the plan lead', async () => {
    const res = await t.gql<{
      importPlanDocument: {
        plans: {
          id: string;
          title: string;
          documentNumber: string;
          periodEnd: number;
          jurisdiction: { key: string };
        }[];
      };
    }>(IMPORT, { input: { text: SEED_001, fileName: '001.txt' } }, 'plans.tz.supervisor');
    expect(res.errors).toBeUndefined();
    const [plan] = res.data!.importPlanDocument.plans;
    expect(plan).toMatchObject({
      documentNumber: '滕政办发〔2017〕174号',
      periodEnd: 2020,
      jurisdiction: { key: 'tengzhou' },
    });
    expect(plan!.title).toContain('精神卫生工作规划');

    const view = (await t.gql<{ plan: PlanView }>(PLAN, { id: plan!.id }, 'plans.tz.supervisor')).data!.plan;
    expect(view.status).toBe('DRAFT');
    expect(view.leadDepartment?.functionCode).toBe('HEALTH');
    expect(view.measures.length).toBeGreaterThanOrEqual(15);
    // Every measure has an owner before publishing: its own departments or the plan's lead.
    expect(view.measures.every((m) => m.assignments.length > 0)).toBe(true);
    const m2 = view.measures.find((m) => m.title.startsWith('建立健全肇事肇祸'))!;
    expect(m2.assignments.filter((a) => a.explicit).map((a) => [a.mentionedAs, a.role])).toEqual(
      expect.arrayContaining([
        ['市综治办', 'LEAD'],
        ['市卫计局', 'LEAD'],
        ['市公安局', 'LEAD'],
        ['市民政局', 'COOPERATING'],
      ]),
    );
    expect(m2.deadline).toBe('2020-12-31');
  });

  it('returns the same plans when the same text is imported again, also twice at once', async () => {
    const first = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: SEED_001 } },
      'plans.tz.supervisor',
    );
    const before = await counts();
    const again = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: SEED_001 } },
      'plans.tz.supervisor',
    );
    expect(again.data!.importPlanDocument.plans.map((p) => p.id)).toEqual(
      first.data!.importPlanDocument.plans.map((p) => p.id),
    );
    expect(await counts()).toEqual(before);

    const [a, b] = await Promise.all([
      t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
        IMPORT,
        { input: { text: SEED_002 } },
        'plans.cq.supervisor',
      ),
      t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
        IMPORT,
        { input: { text: SEED_002 } },
        'plans.cq.supervisor',
      ),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.data!.importPlanDocument.plans.map((p) => p.id)).toEqual(
      a.data!.importPlanDocument.plans.map((p) => p.id),
    );
    const docs = await db.query(
      `SELECT count(*) AS n FROM plan_document WHERE file_name IS NULL AND text LIKE '%渝府%'`,
    );
    expect(docs[0].n).toBe(1);
  });

  it.each([
    ['empty text', '   \n  '],
    ['binary', Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 0, 255, 254, 0]).toString('latin1').repeat(200)],
    ['10 MB of noise', noise(10 * 1024 * 1024)],
    [
      'a notice with no measures',
      '滕州市人民政府办公室\n关于召开全市卫生工作会议的通知\n各镇人民政府、街道办事处：\n定于2024年3月1日召开会议，请准时参加。\n滕州市人民政府办公室\n2024年2月20日',
    ],
    [
      'no inferable jurisdiction',
      '某某工作方案\n一、主要任务\n（一）加强组织领导。各部门要高度重视（牵头单位：卫生部门）。\n（二）加强宣传。',
    ],
  ])('refuses %s with BAD_USER_INPUT and saves nothing', async (_, text) => {
    const before = await counts();
    const res = await t.gql(IMPORT, { input: { text } }, 'plans.admin');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message.length).toBeGreaterThan(5);
    expect(await counts()).toEqual(before);
  });

  it('lets only supervisors of the jurisdiction and admins import', async () => {
    expect(codeOf(await t.gql(IMPORT, { input: { text: SEED_001 } }, 'plans.tz.leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(IMPORT, { input: { text: SEED_001 } }, 'plans.tz.health'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(IMPORT, { input: { text: SEED_001 } }, 'plans.cq.supervisor'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(IMPORT, { input: { text: SEED_001 } }))).toBe('UNAUTHENTICATED');
  });

  it('lets a supervisor correct a draft: add, re-role and remove a department, move a deadline', async () => {
    const planId = await planIdOf(SEED_001);
    const view = (await t.gql<{ plan: PlanView }>(PLAN, { id: planId }, 'plans.tz.supervisor')).data!.plan;
    const measure = view.measures[0]!;
    const deps = await t.gql<{ departments: { id: string; functionCode: string }[] }>(
      '{ departments { id functionCode jurisdiction { key } } }',
      {},
      'plans.tz.supervisor',
    );
    const finance = deps.data!.departments.find((d) => d.functionCode === 'FINANCE')!;
    const assignmentsOf = `query($id: ID!) { plan(id: $id) { measures { id deadline assignments { id role source department { id } } } } }`;

    const added = await t.gql(
      'mutation($m: ID!, $d: ID!) { addAssignment(measureId: $m, departmentId: $d, role: COOPERATING) { id } }',
      { m: measure.id, d: finance.id },
      'plans.tz.supervisor',
    );
    expect(added.errors).toBeUndefined();
    const afterAdd = (
      await t.gql<{ plan: PlanView }>(assignmentsOf, { id: planId }, 'plans.tz.supervisor')
    ).data!.plan.measures.find((m) => m.id === measure.id)!;
    const financeAssignment = afterAdd.assignments.find((a) => a.department.id === finance.id)!;
    expect(financeAssignment.role).toBe('COOPERATING');
    // A reviewer naming a department is an explicit list of one.
    expect(financeAssignment.source).toBe('LIST');

    await t.gql(
      'mutation($a: ID!) { changeAssignmentRole(assignmentId: $a, role: LEAD) { id } }',
      { a: financeAssignment.id },
      'plans.tz.supervisor',
    );
    await t.gql(
      'mutation($m: ID!) { setMeasureDeadline(measureId: $m, deadline: "2019-06-30") { deadline } }',
      { m: measure.id },
      'plans.tz.supervisor',
    );
    let now = (
      await t.gql<{ plan: PlanView }>(assignmentsOf, { id: planId }, 'plans.tz.supervisor')
    ).data!.plan.measures.find((m) => m.id === measure.id)!;
    expect(now.assignments.find((a) => a.id === financeAssignment.id)?.role).toBe('LEAD');
    expect(now.deadline).toBe('2019-06-30');

    await t.gql(
      'mutation($a: ID!) { removeAssignment(assignmentId: $a) { id } }',
      { a: financeAssignment.id },
      'plans.tz.supervisor',
    );
    now = (
      await t.gql<{ plan: PlanView }>(assignmentsOf, { id: planId }, 'plans.tz.supervisor')
    ).data!.plan.measures.find((m) => m.id === measure.id)!;
    expect(now.assignments.some((a) => a.id === financeAssignment.id)).toBe(false);

    const audit = await db.query(
      `SELECT action FROM audit_entry WHERE action LIKE 'assignment.%' OR action = 'measure.deadline' ORDER BY id`,
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'assignment.add',
      'assignment.role',
      'measure.deadline',
      'assignment.remove',
    ]);

    const bad = await t.gql(
      'mutation($m: ID!) { setMeasureDeadline(measureId: $m, deadline: "2019-02-30") { id } }',
      { m: measure.id },
      'plans.tz.supervisor',
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const leader = await t.gql(
      'mutation($a: ID!) { removeAssignment(assignmentId: $a) { id } }',
      { a: measure.assignments[0]!.id },
      'plans.tz.leader',
    );
    expect(codeOf(leader)).toBe('FORBIDDEN');
  });

  it('publishes one task per assignment, due on the measure deadline, idempotently', async () => {
    const planId = await planIdOf(SEED_001);
    const assignments = Number(
      (
        await db.query(
          'SELECT count(*) AS n FROM assignment a JOIN measure m ON m.id = a.measure_id WHERE m.plan_id = $1',
          [planId],
        )
      )[0].n,
    );
    const publish = 'mutation($id: ID!) { publishPlan(planId: $id) { status taskCount } }';
    expect(codeOf(await t.gql(publish, { id: planId }, 'plans.tz.leader'))).toBe('FORBIDDEN');

    const res = await t.gql<{ publishPlan: { status: string; taskCount: number } }>(
      publish,
      { id: planId },
      'plans.tz.supervisor',
    );
    expect(res.data!.publishPlan).toEqual({ status: 'PUBLISHED', taskCount: assignments });
    const again = await t.gql<{ publishPlan: { taskCount: number } }>(publish, { id: planId }, 'plans.tz.supervisor');
    expect(again.data!.publishPlan.taskCount).toBe(assignments);

    const mismatched = await db.query(
      `SELECT count(*) AS n FROM task t JOIN measure m ON m.id = t.measure_id
       WHERE t.plan_id = $1 AND t.due_date <> m.deadline`,
      [planId],
    );
    expect(mismatched[0].n).toBe(0);
    const locked = await t.gql(
      'mutation($m: ID!) { setMeasureDeadline(measureId: $m, deadline: "2020-01-31") { id } }',
      { m: await firstMeasure(planId) },
      'plans.tz.supervisor',
    );
    expect(codeOf(locked)).toBe('BAD_USER_INPUT');
  });

  it('shows a liaison only the plans its department has tasks in, and a leader its jurisdiction', async () => {
    const planId = await planIdOf(SEED_001);
    const liaison = await t.gql<{ plans: { id: string }[] }>('{ plans { id } }', {}, 'plans.tz.health');
    expect(liaison.data!.plans.map((p) => p.id)).toEqual([planId]);
    const leader = await t.gql<{ plans: { id: string }[] }>(
      '{ plans(status: PUBLISHED) { id } }',
      {},
      'plans.tz.leader',
    );
    expect(leader.data!.plans.map((p) => p.id)).toEqual([planId]);
    const chongqingPlan = await planIdOf(SEED_002);
    expect(codeOf(await t.gql(PLAN, { id: chongqingPlan }, 'plans.tz.leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PLAN, { id: '00000000-0000-0000-0000-000000000000' }, 'plans.admin'))).toBe('NOT_FOUND');
  });

  it('fans 各区县 out to one task per child government when published', async () => {
    const planId = await planIdOf(SEED_002);
    const fanned = await db.query(
      `SELECT a.measure_id, a.mentioned_as, count(*) AS n FROM assignment a JOIN measure m ON m.id = a.measure_id
       WHERE m.plan_id = $1 AND a.fan_out_of IS NOT NULL GROUP BY 1, 2`,
      [planId],
    );
    expect(fanned.length).toBeGreaterThan(0);
    // 重庆市 has 38 区县: each collective mention is one assignment per district or county government.
    expect(new Set(fanned.map((r: { n: number }) => r.n))).toEqual(new Set([38]));
  });

  it('keeps a listed unit the registry lacks as a provisional department with its role, and says how each assignment was found', async () => {
    const text = [
      '滕州市人民政府办公室',
      '关于印发滕州市人才工作实施方案的通知',
      '滕政办发〔2026〕7号',
      '一、主要任务',
      '（一）完善人才政策。制定人才发展规划。（牵头单位：市人才办，配合单位：市卫计局、市法制办）',
      '（二）加强人才宣传。公安部门要加强宣传教育。',
      '（三）建设人才驿站。（各镇街负责）',
      '（四）加强督导考核。',
      '二、保障措施',
      '加强组织领导。',
    ].join('\n');
    const imported = await t.gql<{ importPlanDocument: { warnings: string[]; plans: { id: string }[] } }>(
      IMPORT,
      { input: { text } },
      'plans.tz.supervisor',
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importPlanDocument.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('「市人才办」'), expect.stringContaining('「市法制办」')]),
    );
    const view = await t.gql<{
      plan: {
        leadDepartment: { id: string } | null;
        measures: {
          code: string;
          assignments: {
            role: string;
            source: string;
            mentionedAs: string;
            department: { id: string; key: string; name: string; functionCode: string; provisional: boolean };
          }[];
        }[];
      };
    }>(
      `query($id: ID!) { plan(id: $id) { leadDepartment { id } measures { code assignments { role source mentionedAs
         department { id key name functionCode provisional } } } } }`,
      { id: imported.data!.importPlanDocument.plans[0]!.id },
      'plans.tz.supervisor',
    );
    expect(view.errors).toBeUndefined();
    const of = (code: string) => view.data!.plan.measures.find((m) => m.code === code)!.assignments;
    expect(of('一.（一）')).toEqual(
      expect.arrayContaining([
        {
          role: 'LEAD',
          source: 'LIST',
          mentionedAs: '市人才办',
          department: expect.objectContaining({
            key: 'tengzhou.~市人才办',
            name: '市人才办',
            functionCode: 'OTHER',
            provisional: true,
          }),
        },
        expect.objectContaining({ role: 'COOPERATING', source: 'LIST', mentionedAs: '市卫计局' }),
        expect.objectContaining({
          role: 'COOPERATING',
          source: 'LIST',
          department: expect.objectContaining({ key: 'tengzhou.~市法制办', provisional: true }),
        }),
      ]),
    );
    expect(of('一.（二）').map((a) => [a.mentionedAs, a.source, a.department.functionCode])).toEqual([
      ['公安部门', 'PROSE', 'PUBLIC_SECURITY'],
    ]);
    const fanned = of('一.（三）');
    expect(fanned.length).toBeGreaterThan(1);
    expect(new Set(fanned.map((a) => a.source))).toEqual(new Set(['FAN_OUT']));
    // Named by no one: the plan's lead answers for it, and the text's words are not put in its mouth.
    expect(of('一.（四）')).toEqual([
      expect.objectContaining({ role: 'LEAD', source: 'PLAN_DEFAULT', mentionedAs: '' }),
    ]);
    expect(of('一.（四）')[0]!.department.id).toBe(view.data!.plan.leadDepartment!.id);

    // Importing the same units again finds the provisional departments by name: no second one.
    const again = await t.gql(IMPORT, { input: { text: text.replace('7号', '8号') } }, 'plans.tz.supervisor');
    expect(again.errors).toBeUndefined();
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM department WHERE key LIKE 'tengzhou.~%'`);
    expect(n).toBe(2);
  });

  async function planIdOf(text: string): Promise<string> {
    const hash = (await import('node:crypto')).createHash('sha256').update(text).digest('hex');
    const rows = await db.query(
      'SELECT p.id FROM plan p JOIN plan_document d ON d.id = p.document_id WHERE d.text_hash = $1',
      [hash],
    );
    return rows[0].id;
  }

  async function firstMeasure(planId: string): Promise<string> {
    return (await db.query('SELECT id FROM measure WHERE plan_id = $1 ORDER BY ordinal LIMIT 1', [planId]))[0].id;
  }
});

function noise(bytes: number): string {
  const alphabet =
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
  let out = '';
  let seed = 7;
  while (out.length * 3 < bytes) {
    let line = '';
    for (let i = 0; i < 60; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      line += alphabet[seed % alphabet.length];
    }
    out += line + '\n';
  }
  return out;
}
