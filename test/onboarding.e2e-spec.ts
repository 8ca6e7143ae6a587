import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { UserRole } from '../libs/auth/src/index.js';
import { repoPath } from '../libs/common/src/index.js';
import { PASSWORD, TestApp } from './support/test-app.js';
import { tokenOf, upload } from './support/xlsx.js';

// A city the registry files do not know, onboarded end to end through the API alone: the city and two
// districts, its departments from a registry spreadsheet, one of its plans imported with the
// jurisdiction inferred, the unknown units confirmed or merged, the plan published, liaisons at work.
const PLAN_TEXT = readFileSync(repoPath('test', 'fixtures', 'lanzhou-talent-plan.txt'), 'utf8');

const HEADER = ['行政区划', '层级', '上级行政区划', '行政区划别名', '部门全称', '部门简称', '职能代码', '部门别名'];
const CITY_DEPARTMENTS: [string, string, string, string][] = [
  ['岚州市人民政府', '市政府', 'GOVERNMENT', ''],
  ['岚州市发展和改革委员会', '市发展改革委', 'DEVELOPMENT_REFORM', '市发改委'],
  ['岚州市人力资源和社会保障局', '市人力资源社会保障局', 'HUMAN_RESOURCES', '市人社局'],
  ['岚州市教育局', '市教育局', 'EDUCATION', ''],
  ['岚州市财政局', '市财政局', 'FINANCE', ''],
  ['岚州市司法局', '市司法局', 'JUSTICE', ''],
  ['中共岚州市委组织部', '市委组织部', 'ORGANIZATION', ''],
  ['岚州市科学技术局', '市科技局', 'SCIENCE_TECH', ''],
  ['岚州市工业和信息化局', '市工信局', 'INDUSTRY_IT', '市工信委'],
];

async function registrySheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('登记表');
  sheet.addRow(HEADER);
  for (const [name, short, fn, aliases] of CITY_DEPARTMENTS)
    sheet.addRow(['岚州市', 'CITY', '山西省', '岚州、岚', name, short, fn, aliases]);
  for (const district of ['东岚区', '西岚区'])
    sheet.addRow([district, 'DISTRICT', '岚州市', '', `岚州市${district}人民政府`, '区政府', 'GOVERNMENT', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface AssignmentView {
  role: string;
  source: string;
  mentionedAs: string;
  department: { id: string; name: string; functionCode: string; provisional: boolean };
}
interface PlanView {
  id: string;
  jurisdiction: { name: string };
  measures: { code: string; title: string; assignments: AssignmentView[] }[];
}

const PLAN = `query($id: ID!) { plan(id: $id) { id jurisdiction { name }
  measures { code title assignments { role source mentionedAs department { id name functionCode provisional } } } } }`;
const PROVISIONAL = `query($j: ID) { provisionalDepartments(jurisdictionId: $j) {
  department { id name } mentionedAs taskCount } }`;

describe('onboarding a city the registry files do not know', () => {
  let t: TestApp;
  const admin = 'onboard.admin';
  const supervisor = 'onboard.lz.supervisor';
  let cityId: string;
  let planId: string;
  const departmentIds = new Map<string, string>();

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user(admin, UserRole.ADMIN);
  });
  afterAll(() => t.stop());

  const plan = async (): Promise<PlanView> => {
    const res = await t.gql<{ plan: PlanView }>(PLAN, { id: planId }, supervisor);
    expect(res.errors).toBeUndefined();
    return res.data!.plan;
  };
  const measure = (p: PlanView, title: string) => p.measures.find((m) => m.title.startsWith(title))!;

  it('creates the city under its province and two districts', async () => {
    const provinces = await t.gql<{ jurisdictions: { id: string; name: string }[] }>(
      '{ jurisdictions { id name } }',
      {},
      admin,
    );
    const shanxi = provinces.data!.jurisdictions.find((j) => j.name === '山西省')!;
    const create =
      'mutation($input: JurisdictionInput!) { createJurisdiction(input: $input) { id name level aliases } }';
    const city = await t.gql<{ createJurisdiction: { id: string; aliases: string[] } }>(
      create,
      { input: { name: '岚州市', level: 'CITY', parentId: shanxi.id, aliases: ['岚州', '岚'] } },
      admin,
    );
    expect(city.errors).toBeUndefined();
    cityId = city.data!.createJurisdiction.id;
    for (const name of ['东岚区', '西岚区']) {
      const district = await t.gql(create, { input: { name, level: 'DISTRICT', parentId: cityId } }, admin);
      expect(district.errors).toBeUndefined();
    }
    const created = await t.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          username: supervisor,
          password: PASSWORD,
          displayName: '岚州市督查室',
          role: 'SUPERVISOR',
          jurisdictionId: cityId,
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
  });

  it('loads its departments from a registry spreadsheet, once', async () => {
    const token = await tokenOf(t, admin);
    const file = await registrySheet();
    const first = await upload(t, '/imports/registry', file, '岚州市登记表.xlsx', token);
    expect(first.status).toBe(201);
    const counts = JSON.parse(first.body.toString('utf8'));
    expect(counts).toMatchObject({ jurisdictionsCreated: 0, departmentsCreated: 11, departmentsUpdated: 0 });
    const second = JSON.parse((await upload(t, '/imports/registry', file, '岚州市登记表.xlsx', token)).body.toString());
    expect(second).toMatchObject({ jurisdictionsCreated: 0, departmentsCreated: 0, departmentsUpdated: 0 });

    const listed = await t.gql<{ departments: { id: string; shortName: string }[] }>(
      'query($j: ID) { departments(jurisdictionId: $j) { id shortName } }',
      { j: cityId },
      supervisor,
    );
    for (const d of listed.data!.departments) departmentIds.set(d.shortName, d.id);
    expect([...departmentIds.keys()]).toEqual(expect.arrayContaining(['市人力资源社会保障局', '市司法局', '市科技局']));
  });

  it('imports a plan of the city with the jurisdiction inferred and every named unit kept', async () => {
    const imported = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { plans { id } } }',
      { input: { text: PLAN_TEXT, fileName: '岚政办发〔2026〕3号.txt' } },
      supervisor,
    );
    expect(imported.errors).toBeUndefined();
    planId = imported.data!.importPlanDocument.plans[0]!.id;
    const p = await plan();
    expect(p.jurisdiction.name).toBe('岚州市');
    expect(p.measures).toHaveLength(7);

    const talent = measure(p, '实施高层次人才引进工程');
    const lead = talent.assignments.find((a) => a.role === 'LEAD')!;
    expect(lead).toMatchObject({ source: 'LIST', mentionedAs: '市人才办', department: { provisional: true } });
    const fannedOut = talent.assignments.filter((a) => a.source === 'FAN_OUT').map((a) => a.department.name);
    expect(fannedOut.sort()).toEqual(['岚州市东岚区人民政府', '岚州市西岚区人民政府']);

    const merged = measure(p, '建设科技创新平台').assignments.filter((a) => a.role === 'LEAD');
    expect(merged.map((a) => a.department.functionCode).sort()).toEqual(['INDUSTRY_IT', 'SCIENCE_TECH']);

    const unnamed = measure(p, '加强人才工作宣传').assignments;
    expect(unnamed).toHaveLength(1);
    expect(unnamed[0]).toMatchObject({ role: 'LEAD', source: 'PLAN_DEFAULT' });
    expect(PLAN_TEXT).toContain(unnamed[0]!.mentionedAs);

    const provisional = await t.gql<{
      provisionalDepartments: { department: { name: string }; mentionedAs: string[] }[];
    }>(PROVISIONAL, { j: cityId }, supervisor);
    expect(provisional.data!.provisionalDepartments.flatMap((d) => d.mentionedAs).sort()).toEqual([
      '市人才办',
      '市法制办',
    ]);
  });

  it('confirms one unknown unit and merges the other into the department that absorbed it', async () => {
    const listed = await t.gql<{ provisionalDepartments: { department: { id: string }; mentionedAs: string[] }[] }>(
      PROVISIONAL,
      { j: cityId },
      supervisor,
    );
    const idOf = (name: string) =>
      listed.data!.provisionalDepartments.find((d) => d.mentionedAs.includes(name))!.department.id;
    const confirmed = await t.gql(
      'mutation($id: ID!) { confirmDepartment(id: $id) { id provisional } }',
      {
        id: idOf('市人才办'),
      },
      supervisor,
    );
    expect(confirmed.errors).toBeUndefined();

    const justice = departmentIds.get('市司法局')!;
    const preview = await t.gql<{ previewDepartmentMerge: { assignmentsMoved: number; tasksMoved: number } }>(
      'query($f: ID!, $i: ID!) { previewDepartmentMerge(fromId: $f, intoId: $i) { assignmentsMoved tasksMoved } }',
      { f: idOf('市法制办'), i: justice },
      supervisor,
    );
    expect(preview.data!.previewDepartmentMerge).toEqual({ assignmentsMoved: 1, tasksMoved: 0 });
    const merge = await t.gql<{ mergeDepartments: { department: { id: string; formerNames: string[] } } }>(
      'mutation($f: ID!, $i: ID!) { mergeDepartments(fromId: $f, intoId: $i) { department { id formerNames } } }',
      { f: idOf('市法制办'), i: justice },
      supervisor,
    );
    expect(merge.errors).toBeUndefined();
    expect(merge.data!.mergeDepartments.department.formerNames).toContain('市法制办');

    const rule = measure(await plan(), '加强人才发展法治保障').assignments.find((a) => a.role === 'LEAD')!;
    expect(rule.department.id).toBe(justice);
    const left = await t.gql<{ provisionalDepartments: unknown[] }>(PROVISIONAL, { j: cityId }, supervisor);
    expect(left.data!.provisionalDepartments).toEqual([]);
  });

  it('publishes, and the liaisons of the city log in to their tasks', async () => {
    const published = await t.gql(
      'mutation($id: ID!) { publishPlan(planId: $id) { id status } }',
      { id: planId },
      supervisor,
    );
    expect(published.errors).toBeUndefined();
    const talentOffice = (await plan()).measures[0]!.assignments.find((a) => a.mentionedAs === '市人才办')!.department
      .id;
    const liaisons: [string, string, number][] = [
      ['onboard.lz.talent', talentOffice, 4], // leads 一, cooperates on 二, 三 and 六
      ['onboard.lz.hr', departmentIds.get('市人力资源社会保障局')!, 2], // cooperates on 一, leads 二
    ];
    for (const [username, departmentId, expected] of liaisons) {
      const created = await t.gql(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { username, password: PASSWORD, displayName: username, role: 'LIAISON', departmentId } },
        supervisor,
      );
      expect(created.errors).toBeUndefined();
      const queue = await t.gql<{ workQueue: { openTasks: { id: string }[] } }>(
        '{ workQueue { openTasks { id } } }',
        {},
        username,
      );
      expect(queue.data!.workQueue.openTasks).toHaveLength(expected);
    }
  });
});
