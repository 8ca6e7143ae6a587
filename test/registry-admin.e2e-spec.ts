import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { repoPath } from '../libs/common/src/index.js';
import { DepartmentHistory1765200000000 } from '../libs/database/src/migrations/1765200000000-department-history.js';
import { DepartmentsService, RegistrySeeder } from '../libs/departments/src/index.js';
import { loadRegistryFiles } from '../libs/importer/src/index.js';
import { MAX_REGISTRY_ROWS } from '../libs/departments/src/registry-sheet/registry-sheet-reader.js';
import { CALLERS, createCallers, no, ok, type Caller, type Outcome } from './support/access-table.js';
import { REGISTRY_ADMIN_OPERATIONS } from './support/registry-admin-operations.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';
import { download, readXlsx, rowsOf, tokenOf, upload } from './support/xlsx.js';

/**
 * Registry administration (issue 13) through HTTP: every operation × role, bad input, a merge (机构改革)
 * over a published plan, and the 登记表 spreadsheet.
 */

interface Operation {
  name: string;
  query: string;
  prepare: () => Promise<Record<string, unknown>>;
  expect: Record<Caller, Outcome>;
}

/** ADMIN everywhere, a SUPERVISOR within its subtree (滕州市 is "own"), nobody else. */
const registrars: Record<Caller, Outcome> = {
  admin: ok,
  'sup.own': ok,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': no,
  'liaison.other': no,
};

const DEPARTMENT = 'mutation($i: DepartmentInput!) { createDepartment(input: $i) { id key name formerNames } }';
const JURISDICTION = 'mutation($i: JurisdictionInput!) { createJurisdiction(input: $i) { id key name aliases } }';
const MERGE = `mutation($f: ID!, $i: ID!) { mergeDepartments(fromId: $f, intoId: $i) {
  department { id formerNames } tasksMoved usersMoved } }`;
const PREVIEW = `query($f: ID!, $i: ID!) { previewDepartmentMerge(fromId: $f, intoId: $i) {
  from { id } into { id } tasksMoved tasksKept usersMoved assignmentsMoved aliasesAdded } }`;

describe('registry administration', () => {
  let t: TestApp;
  let db: DataSource;
  let tengzhou: string;
  let chongqing: string;
  let n = 0;

  const idOf = async (table: 'jurisdiction' | 'department', key: string): Promise<string> =>
    (await db.query(`SELECT id FROM ${table} WHERE key = $1`, [key]))[0].id;
  /** A fresh department of 滕州市, created by the admin. */
  const freshDepartment = async (jurisdictionId = tengzhou): Promise<string> => {
    const k = ++n;
    const res = await t.gql<{ createDepartment: { id: string } }>(
      DEPARTMENT,
      { i: { jurisdictionId, name: `测试局${k}`, shortName: `测${k}局`, functionCode: 'STATISTICS' } },
      'admin',
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createDepartment.id;
  };
  /** A department the importer would have made for a name it did not know. */
  const provisionalDepartment = async (name: string): Promise<string> => {
    const ids = await t.get(DepartmentsService).ensureDepartments(db.manager, [
      {
        kind: 'provisional',
        departmentKey: `tengzhou.~${name}`,
        jurisdictionKey: 'tengzhou',
        functionCode: 'STATISTICS',
        name,
        shortName: name,
      },
    ]);
    return ids.get(`tengzhou.~${name}`)!;
  };
  const audited = async (action: string): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM audit_entry WHERE action = $1', [action]))[0].n;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await createCallers(t, 'tengzhou.FINANCE');
    tengzhou = await idOf('jurisdiction', 'tengzhou');
    chongqing = await idOf('jurisdiction', 'chongqing');
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    const draft = readFileSync(repoPath('test', 'fixtures', 'tengzhou-draft.txt'), 'utf8');
    const imported = await t.gql(
      'mutation($i: ImportPlanDocumentInput!) { importPlanDocument(input: $i) { plans { id } } }',
      {
        i: { text: draft },
      },
      'admin',
    );
    if (imported.errors) throw new Error(JSON.stringify(imported.errors));
  });
  afterAll(() => t.stop());

  describe('access by role and scope', () => {
    const operations: Operation[] = [
      {
        name: 'createJurisdiction',
        query: JURISDICTION,
        prepare: async () => ({ i: { name: `新街道${++n}`, level: 'TOWNSHIP', parentId: tengzhou } }),
        expect: registrars,
      },
      {
        name: 'updateJurisdiction',
        query: 'mutation($id: ID!, $p: JurisdictionPatch!) { updateJurisdiction(id: $id, patch: $p) { id } }',
        prepare: async () => ({ id: await idOf('jurisdiction', 'tengzhou.longquan'), p: { aliases: [`龙泉${++n}`] } }),
        expect: registrars,
      },
      {
        name: 'createDepartment',
        query: DEPARTMENT,
        prepare: async () => ({
          i: { jurisdictionId: tengzhou, name: `滕州市新设局${++n}`, shortName: `市新设局${n}`, functionCode: 'AUDIT' },
        }),
        expect: registrars,
      },
      {
        name: 'updateDepartment',
        query: 'mutation($id: ID!, $p: DepartmentPatch!) { updateDepartment(id: $id, patch: $p) { id } }',
        prepare: async () => ({ id: await freshDepartment(), p: { shortName: `改${++n}局` } }),
        expect: registrars,
      },
      {
        name: 'confirmDepartment',
        query: 'mutation($id: ID!) { confirmDepartment(id: $id) { id provisional } }',
        prepare: async () => ({ id: await provisionalDepartment(`待确认办${++n}`) }),
        expect: registrars,
      },
      {
        name: 'mergeDepartments',
        query: MERGE,
        prepare: async () => ({ f: await freshDepartment(), i: await freshDepartment() }),
        expect: registrars,
      },
      {
        name: 'previewDepartmentMerge',
        query: PREVIEW,
        prepare: async () => ({ f: await freshDepartment(), i: await freshDepartment() }),
        expect: registrars,
      },
      {
        name: 'provisionalDepartments',
        query: 'query($j: ID) { provisionalDepartments(jurisdictionId: $j) { department { id } taskCount } }',
        prepare: async () => ({ j: tengzhou }),
        expect: registrars,
      },
    ];
    const rows = operations.flatMap((op) => CALLERS.map((caller) => [op.name, caller, op.expect[caller], op] as const));

    it.each(rows)('%s by %s → %s', async (_, caller, outcome, op) => {
      const res = await t.gql(op.query, await op.prepare(), caller);
      if (outcome === 'ok') expect(res.errors).toBeUndefined();
      else expect(codeOf(res)).toBe('FORBIDDEN');
    });

    it('covers every registry operation the access suite leaves to it', () => {
      expect(operations.map((o) => o.name).sort()).toEqual([...REGISTRY_ADMIN_OPERATIONS].sort());
    });

    it('lets only ADMIN create a root jurisdiction', async () => {
      const root = { i: { name: `新省${++n}`, level: 'PROVINCE' } };
      expect(codeOf(await t.gql(JURISDICTION, root, 'sup.own'))).toBe('FORBIDDEN');
      expect((await t.gql(JURISDICTION, root, 'admin')).errors).toBeUndefined();
    });

    it('puts a new district within its supervisor’s reach at once', async () => {
      await t.gql('{ jurisdictions { id } }', {}, 'sup.own'); // the subtree is cached now
      const created = await t.gql<{ createJurisdiction: { id: string; key: string } }>(
        JURISDICTION,
        { i: { name: '高新区街道', level: 'TOWNSHIP', parentId: tengzhou, aliases: [' 高新区 ', '高新区', ''] } },
        'sup.own',
      );
      expect(created.data!.createJurisdiction.key).toBe('tengzhou.高新区街道');
      const jid = created.data!.createJurisdiction.id;
      const res = await t.gql(
        DEPARTMENT,
        { i: { jurisdictionId: jid, name: '滕州高新区管委会', shortName: '高新区管委会', functionCode: 'GOVERNMENT' } },
        'sup.own',
      );
      expect(res.errors).toBeUndefined();
      const seen = await t.gql<{ jurisdictions: { id: string }[] }>('{ jurisdictions { id } }', {}, 'sup.own');
      expect(seen.data!.jurisdictions.map((j) => j.id)).toContain(jid);
      expect(
        codeOf(
          await t.gql(
            DEPARTMENT,
            { i: { jurisdictionId: jid, name: 'x局', shortName: 'x局', functionCode: 'AUDIT' } },
            'sup.other',
          ),
        ),
      ).toBe('FORBIDDEN');
    });
  });

  describe('input', () => {
    it('keeps aliases trimmed and each once', async () => {
      const res = await t.gql<{ createJurisdiction: { aliases: string[] } }>(
        JURISDICTION,
        {
          i: {
            name: '西沙河街道',
            level: 'TOWNSHIP',
            parentId: tengzhou,
            aliases: [' 西沙河 ', '西沙河', '', '西沙河街道'],
          },
        },
        'admin',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createJurisdiction.aliases).toEqual(['西沙河']);
    });

    it('refuses a bad level, an unknown function code and a duplicate name', async () => {
      const bad = await t.gql(JURISDICTION, { i: { name: '某镇', level: 'VILLAGE', parentId: tengzhou } }, 'admin');
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      const above = await t.gql(JURISDICTION, { i: { name: '某省', level: 'PROVINCE', parentId: tengzhou } }, 'admin');
      expect(codeOf(above)).toBe('BAD_USER_INPUT');
      const sibling = await t.gql(
        JURISDICTION,
        { i: { name: '龙泉街道', level: 'TOWNSHIP', parentId: tengzhou } },
        'admin',
      );
      expect(codeOf(sibling)).toBe('CONFLICT');
      const fn = await t.gql(
        DEPARTMENT,
        { i: { jurisdictionId: tengzhou, name: '滕州市无名局', shortName: '市无名局', functionCode: 'NO_SUCH' } },
        'admin',
      );
      expect(codeOf(fn)).toBe('BAD_USER_INPUT');
      const health = (await db.query(`SELECT name, aliases FROM department WHERE key = 'tengzhou.HEALTH'`))[0];
      const sameName = await t.gql(
        DEPARTMENT,
        { i: { jurisdictionId: tengzhou, name: health.name, shortName: '另一个', functionCode: 'HEALTH' } },
        'admin',
      );
      expect(codeOf(sameName)).toBe('CONFLICT');
      const alias = health.aliases[0] as string;
      const sameAlias = await t.gql(
        DEPARTMENT,
        { i: { jurisdictionId: tengzhou, name: alias, shortName: '又一个', functionCode: 'HEALTH' } },
        'admin',
      );
      expect(codeOf(sameAlias)).toBe('CONFLICT');
      expect(await db.query(`SELECT 1 FROM department WHERE name IN ('滕州市无名局', '另一个', $1)`, [alias])).toEqual(
        [],
      );
    });

    it('keys a second department of one function apart from the first', async () => {
      const first = (await db.query(`SELECT key FROM department WHERE key = 'tengzhou.HEALTH'`))[0].key;
      const res = await t.gql<{ createDepartment: { key: string } }>(
        DEPARTMENT,
        {
          i: {
            jurisdictionId: tengzhou,
            name: '滕州市疾病预防控制中心',
            shortName: '市疾控中心',
            functionCode: 'HEALTH',
          },
        },
        'admin',
      );
      expect(res.data!.createDepartment.key).toBe(`${first}~2`);
    });

    it('keeps the old name of a renamed department, and the importer resolves it', async () => {
      const id = await freshDepartment();
      const old = (await db.query('SELECT name, short_name FROM department WHERE id = $1', [id]))[0];
      const res = await t.gql<{ updateDepartment: { name: string; formerNames: string[] } }>(
        'mutation($id: ID!, $p: DepartmentPatch!) { updateDepartment(id: $id, patch: $p) { name formerNames } }',
        { id, p: { name: '滕州市改名后局', aliases: ['改名局'] } },
        'admin',
      );
      expect(res.data!.updateDepartment).toEqual({ name: '滕州市改名后局', formerNames: [old.name] });
      const registry = await t.get(DepartmentsService).registrySnapshot();
      const entry = registry.departments.find((d) => d.name === '滕州市改名后局')!;
      expect(entry.aliases).toEqual(expect.arrayContaining(['改名局', old.name]));
      const before = await audited('department.update');
      await t.gql(
        'mutation($id: ID!, $p: DepartmentPatch!) { updateDepartment(id: $id, patch: $p) { id } }',
        {
          id,
          p: { name: '滕州市改名后局' },
        },
        'admin',
      );
      expect(await audited('department.update')).toBe(before); // nothing changed, nothing recorded
    });

    it('lists the function catalogue in words, the catch-all 其他 included', async () => {
      const res = await t.gql<{ departmentFunctions: { code: string; name: string }[] }>(
        '{ departmentFunctions { code name } }',
        {},
        'sup.own',
      );
      expect(res.data!.departmentFunctions).toEqual(
        expect.arrayContaining([
          { code: 'HEALTH', name: '卫生健康' },
          { code: 'OTHER', name: '其他' },
        ]),
      );
    });

    it('keeps administered names when the registry files are loaded again (each npm start, npm run setup)', async () => {
      const [seeded] = await db.query(`SELECT id, name FROM department WHERE key = 'tengzhou.PRICE'`);
      const renamed = await t.gql(
        'mutation($id: ID!, $p: DepartmentPatch!) { updateDepartment(id: $id, patch: $p) { id } }',
        { id: seeded.id, p: { name: '滕州市价格监测中心' } },
        'admin',
      );
      expect(renamed.errors).toBeUndefined();
      await t.get(RegistrySeeder).load(loadRegistryFiles(repoPath('seeds', 'registry')));
      const [after] = await db.query('SELECT name, former_names FROM department WHERE id = $1', [seeded.id]);
      expect(after).toEqual({ name: '滕州市价格监测中心', former_names: [seeded.name] });
    });

    it('confirms only a provisional department', async () => {
      const id = await provisionalDepartment('市人才办');
      const confirm = 'mutation($id: ID!) { confirmDepartment(id: $id) { provisional } }';
      expect((await t.gql(confirm, { id }, 'admin')).data).toEqual({ confirmDepartment: { provisional: false } });
      expect(codeOf(await t.gql(confirm, { id }, 'admin'))).toBe('BAD_USER_INPUT');
    });

    it('refuses a merge into itself, across jurisdictions, or of a department that does not exist', async () => {
      const a = await freshDepartment();
      expect(codeOf(await t.gql(MERGE, { f: a, i: a }, 'admin'))).toBe('BAD_USER_INPUT');
      const other = await freshDepartment(chongqing);
      expect(codeOf(await t.gql(MERGE, { f: a, i: other }, 'admin'))).toBe('BAD_USER_INPUT');
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(codeOf(await t.gql(MERGE, { f: missing, i: a }, 'admin'))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(PREVIEW, { f: a, i: missing }, 'admin'))).toBe('NOT_FOUND');
      expect(await db.query('SELECT merged_into_id FROM department WHERE id = $1', [a])).toEqual([
        { merged_into_id: null },
      ]);
    });
  });

  describe('provisional departments', () => {
    it('lists those in reach with the plans and measures that named them', async () => {
      const id = await provisionalDepartment('市科技和信息化局');
      // A draft assignment that named it, as the importer would have written it.
      const [[named]] = await db.query(
        `UPDATE assignment SET department_id = $1, mentioned_as = '市科技和信息化局'
         WHERE id = (SELECT a.id FROM assignment a JOIN department d ON d.id = a.department_id
                     JOIN measure me ON me.id = a.measure_id JOIN plan p ON p.id = me.plan_id
                     WHERE d.key = 'tengzhou.HEALTH' AND p.status = 'DRAFT' ORDER BY a.id LIMIT 1)
         RETURNING measure_id, role`,
        [id],
      );
      const query = `query($j: ID) { provisionalDepartments(jurisdictionId: $j) {
        department { id name } mentionedAs taskCount
        mentions { planId planTitle measureId measureCode measureTitle role } } }`;
      const res = await t.gql<{
        provisionalDepartments: {
          department: { id: string };
          mentionedAs: string[];
          taskCount: number;
          mentions: { measureId: string; role: string }[];
        }[];
      }>(query, { j: tengzhou }, 'sup.own');
      const mine = res.data!.provisionalDepartments.find((p) => p.department.id === id)!;
      expect(mine.mentionedAs).toEqual(['市科技和信息化局']);
      expect(mine.mentions.map((m) => [m.measureId, m.role])).toEqual([[named.measure_id, named.role]]);
      expect(mine.taskCount).toBe(0);
      const listed = res.data!.provisionalDepartments.map((p) => p.department.id);
      const expected = await db.query(
        `SELECT id FROM department WHERE jurisdiction_id = $1 AND provisional AND merged_into_id IS NULL`,
        [tengzhou],
      );
      expect(listed.sort()).toEqual(expected.map((r: { id: string }) => r.id).sort());
      const elsewhere = await t.gql<{ provisionalDepartments: unknown[] }>(
        '{ provisionalDepartments { department { id } } }',
        {},
        'sup.other',
      );
      expect(
        elsewhere.data!.provisionalDepartments.map((p) => (p as { department: { id: string } }).department.id),
      ).not.toContain(id);
    });
  });

  describe('merging 滕州市卫生健康局 into 滕州市民政局', () => {
    it('moves open tasks, users and draft assignments; closed tasks stay; preview says the same', async () => {
      const from = await idOf('department', 'tengzhou.HEALTH');
      const into = await idOf('department', 'tengzhou.CIVIL_AFFAIRS');
      // One task done before the reform: it stays with the health bureau.
      const [[done]] = await db.query(
        `UPDATE task SET status = 'COMPLETED', completed_at = now(), progress_percent = 100
         WHERE id = (SELECT f.id FROM task f WHERE f.department_id = $1 ORDER BY f.id LIMIT 1) RETURNING id`,
        [from],
      );
      // A measure both answer for, the health bureau leading: 民政局 keeps its own task and takes the lead.
      const [shared] = await db.query(
        `SELECT f.id AS "fromTask", i.id AS "intoTask" FROM task f JOIN task i ON i.measure_id = f.measure_id
         WHERE f.department_id = $1 AND i.department_id = $2 AND f.status = 'NOT_STARTED' AND i.status = 'NOT_STARTED'
         ORDER BY f.id LIMIT 1`,
        [from, into],
      );
      await db.query(
        `UPDATE task SET role = CASE WHEN id = $1 THEN 'LEAD' ELSE 'COOPERATING' END WHERE id IN ($1, $2)`,
        [shared.fromTask, shared.intoTask],
      );
      const figures = async () =>
        (
          await db.query(
            `SELECT
               (SELECT count(*)::int FROM task f WHERE f.department_id = $1 AND f.status NOT IN ('COMPLETED','CANCELLED')
                  AND NOT EXISTS (SELECT 1 FROM task i WHERE i.department_id = $2 AND i.measure_id = f.measure_id)) AS movable,
               (SELECT count(*)::int FROM task f WHERE f.department_id = $1 AND f.status NOT IN ('COMPLETED','CANCELLED')
                  AND EXISTS (SELECT 1 FROM task i WHERE i.department_id = $2 AND i.measure_id = f.measure_id)) AS duplicate,
               (SELECT count(*)::int FROM task WHERE department_id = $1 AND status IN ('COMPLETED','CANCELLED')) AS closed,
               (SELECT count(*)::int FROM app_user WHERE department_id = $1) AS users,
               (SELECT count(*)::int FROM assignment a JOIN measure me ON me.id = a.measure_id JOIN plan p ON p.id = me.plan_id
                  WHERE a.department_id = $1 AND p.status = 'DRAFT') AS drafts,
               (SELECT coalesce(sum(n), 0)::int FROM task_status_count WHERE department_id = $2) AS rolled_into`,
            [from, into],
          )
        )[0];
      const before = await figures();
      expect(before.movable).toBeGreaterThan(0);
      expect(before.duplicate).toBeGreaterThan(0);
      expect(before.users).toBeGreaterThan(0);
      expect(before.drafts).toBeGreaterThan(0);

      const preview = await t.gql<{ previewDepartmentMerge: Record<string, unknown> }>(
        PREVIEW,
        { f: from, i: into },
        'sup.own',
      );
      const health = (await db.query('SELECT name, short_name, aliases FROM department WHERE id = $1', [from]))[0];
      expect(preview.data!.previewDepartmentMerge).toEqual({
        from: { id: from },
        into: { id: into },
        tasksMoved: before.movable,
        tasksKept: before.closed + before.duplicate,
        usersMoved: before.users,
        assignmentsMoved: before.drafts,
        aliasesAdded: expect.arrayContaining([health.name, health.short_name, ...health.aliases]),
      });
      expect(await figures()).toEqual(before); // a preview changes nothing

      const signedIn = await t.gql('{ me { id } }', {}, 'liaison.own'); // a token naming the health bureau
      expect(signedIn.errors).toBeUndefined();
      const merged = await t.gql<{
        mergeDepartments: { department: { id: string; formerNames: string[] }; tasksMoved: number; usersMoved: number };
      }>(MERGE, { f: from, i: into }, 'sup.own');
      expect(merged.errors).toBeUndefined();
      expect(merged.data!.mergeDepartments.tasksMoved).toBe(before.movable);
      expect(merged.data!.mergeDepartments.usersMoved).toBe(before.users);
      expect(merged.data!.mergeDepartments.department.formerNames).toEqual(expect.arrayContaining([health.name]));

      // The moved liaison's token still names the old department: refused at once; signed in again, 民政局's.
      expect(codeOf(await t.gql('{ me { id } }', {}, 'liaison.own'))).toBe('UNAUTHENTICATED');
      t.forgetToken('liaison.own');
      const me = await t.gql<{ me: { department: { id: string } } }>('{ me { department { id } } }', {}, 'liaison.own');
      expect(me.data!.me.department.id).toBe(into);

      const after = await figures();
      expect(after).toMatchObject({ movable: 0, duplicate: 0, users: 0, drafts: 0 });
      expect(after.closed).toBe(before.closed + before.duplicate);
      expect(await db.query('SELECT department_id, status FROM task WHERE id = $1', [done.id])).toEqual([
        { department_id: from, status: 'COMPLETED' },
      ]);
      const roles = await db.query(
        'SELECT id, department_id AS "departmentId", status, role FROM task WHERE id IN ($1, $2)',
        [shared.fromTask, shared.intoTask],
      );
      expect(roles).toEqual(
        expect.arrayContaining([
          { id: shared.fromTask, departmentId: from, status: 'CANCELLED', role: 'LEAD' },
          { id: shared.intoTask, departmentId: into, status: 'NOT_STARTED', role: 'LEAD' },
        ]),
      );
      // The roll-ups follow the tasks: what the overview counts for 民政局 is what its tasks are.
      const [rolled] = await db.query(
        `SELECT (SELECT coalesce(sum(n), 0)::int FROM task_status_count WHERE department_id = $1) AS rolled,
                (SELECT count(*)::int FROM task WHERE department_id = $1) AS tasks`,
        [into],
      );
      expect(rolled.rolled).toBe(rolled.tasks);
      expect(rolled.rolled).toBe(before.rolled_into + before.movable);

      // Gone from lists and from the importer's names, which now lead to 民政局.
      const listed = await t.gql<{ departments: { id: string }[] }>(
        'query($j: ID) { departments(jurisdictionId: $j) { id } }',
        { j: tengzhou },
        'admin',
      );
      expect(listed.data!.departments.map((d) => d.id)).not.toContain(from);
      const registry = await t.get(DepartmentsService).registrySnapshot();
      expect(registry.departments.find((d) => d.key === 'tengzhou.HEALTH')).toBeUndefined();
      expect(registry.departments.find((d) => d.key === 'tengzhou.CIVIL_AFFAIRS')!.aliases).toEqual(
        expect.arrayContaining([health.name, health.short_name]),
      );
      expect(codeOf(await t.gql(MERGE, { f: from, i: into }, 'admin'))).toBe('BAD_USER_INPUT'); // already merged

      expect(await audited('department.merge')).toBeGreaterThan(0);
      expect(await audited('task.merge_move')).toBeGreaterThanOrEqual(before.movable);
      expect(await audited('task.merge_cancel')).toBeGreaterThanOrEqual(before.duplicate);
      expect(await audited('assignment.merge_move')).toBeGreaterThan(0);
    });
  });

  describe('registry spreadsheet (登记表)', () => {
    const HEADERS = [
      '行政区划',
      '层级',
      '上级行政区划',
      '行政区划别名',
      '部门全称',
      '部门简称',
      '职能代码',
      '部门别名',
    ];
    const sheet = async (rows: string[][]): Promise<Buffer> => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('登记表');
      ws.addRow(HEADERS);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const counts = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*)::int FROM jurisdiction) AS jurisdictions, (SELECT count(*)::int FROM department) AS departments,
                  (SELECT md5(string_agg(d.key || d.name || d.short_name || array_to_string(d.aliases, ','), '|' ORDER BY d.key))
                   FROM department d) AS fingerprint`,
        )
      )[0];
    let admin: string;
    beforeAll(async () => {
      admin = await tokenOf(t, 'admin');
    });

    it('gives a template with the columns and one example row', async () => {
      const res = await download(t, '/exports/registry-template.xlsx', admin);
      expect(res.status).toBe(200);
      const rows = rowsOf((await readXlsx(res.body)).getWorksheet('登记表')!);
      expect(rows[0]).toEqual(HEADERS);
      expect(rows).toHaveLength(2);
      expect((await download(t, '/exports/registry-template.xlsx', await tokenOf(t, 'sup.own'))).status).toBe(200);
      expect((await download(t, '/exports/registry-template.xlsx', await tokenOf(t, 'leader.own'))).status).toBe(403);
    });

    it('creates a city, its district and departments once; a second upload changes nothing', async () => {
      const file = await sheet([
        [
          '海州市',
          'CITY',
          '山东省',
          '海州、海',
          '海州市发展和改革委员会',
          '市发展改革委',
          'DEVELOPMENT_REFORM',
          '市发改委、市发改局',
        ],
        ['海州市', '', '山东省', '', '海州市财政局', '市财政局', 'FINANCE', ''],
        ['海州市', '', '山东省', '', '海州市人才工作领导小组办公室', '', 'ORGANIZATION', '市人才办'],
        ['新城区', 'DISTRICT', '海州市', '', '', '', '', ''],
        ['新城区', 'DISTRICT', '海州市', '', '新城区教育局', '区教育局', 'EDUCATION', ''],
        ['滕州市', '', '', '', '滕州市民政局', '', '', '滕州民政'],
      ]);
      const first = await upload(t, '/imports/registry', file, '登记表.xlsx', admin);
      expect(first.status).toBe(201);
      const body = JSON.parse(first.body.toString('utf8'));
      expect(body).toEqual({
        jurisdictionsCreated: 2,
        departmentsCreated: 4,
        departmentsUpdated: 1,
        warnings: [{ row: 4, message: expect.stringContaining('简称') }],
      });
      const [city] = await db.query(`SELECT id, key, aliases FROM jurisdiction WHERE name = '海州市'`);
      expect(city.aliases).toEqual(['海州', '海']);
      const made = await db.query(
        `SELECT d.key, d.name, d.short_name, d.aliases FROM department d WHERE d.jurisdiction_id = $1 ORDER BY d.key`,
        [city.id],
      );
      expect(made.map((d: { key: string }) => d.key)).toEqual([
        `${city.key}.DEVELOPMENT_REFORM`,
        `${city.key}.FINANCE`,
        `${city.key}.ORGANIZATION`,
      ]);
      expect(await audited('registry.import')).toBe(1);

      const before = await counts();
      const second = await upload(t, '/imports/registry', file, '登记表.xlsx', admin);
      expect(second.status).toBe(201);
      expect(JSON.parse(second.body.toString('utf8'))).toMatchObject({
        jurisdictionsCreated: 0,
        departmentsCreated: 0,
        departmentsUpdated: 0,
      });
      expect(await counts()).toEqual(before);
    });

    it('refuses a file with a bad row, naming it, and saves nothing', async () => {
      const before = await counts();
      const file = await sheet([
        ['河州市', 'CITY', '山东省', '', '河州市公安局', '市公安局', 'PUBLIC_SECURITY', ''],
        ['河州市', '', '山东省', '', '河州市无名局', '市无名局', 'NO_SUCH', ''],
        ['某区', 'DISTRICT', '不存在市', '', '', '', '', ''],
        ['某镇', 'VILLAGE', '河州市', '', '', '', '', ''],
      ]);
      const res = await upload(t, '/imports/registry', file, '登记表.xlsx', admin);
      expect(res.status).toBe(400);
      expect(res.error.code).toBe('BAD_USER_INPUT');
      expect(res.error.errors!.map((e) => e.row)).toEqual([3, 4, 5]);
      expect(res.error.message).toContain('第3行');
      expect(await counts()).toEqual(before);
    });

    it('is for ADMIN only and for .xlsx files', async () => {
      const file = await sheet([['海州市', 'CITY', '山东省', '', '', '', '', '']]);
      expect((await upload(t, '/imports/registry', file, 'r.xlsx', await tokenOf(t, 'sup.own'))).status).toBe(403);
      expect((await upload(t, '/imports/registry', Buffer.from('a,b'), 'r.csv', admin)).status).toBe(400);
    });

    it('refuses more than 5 MB, and more rows than a registry has, before reading them into the database', async () => {
      const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5 * 1024 * 1024)]);
      expect((await upload(t, '/imports/registry', big, 'r.xlsx', admin)).status).toBe(413);
      const before = await counts();
      const rows = Array.from({ length: MAX_REGISTRY_ROWS + 1 }, (_, i) => [
        `镇${i}`,
        'TOWNSHIP',
        '滕州市',
        '',
        '',
        '',
        '',
        '',
      ]);
      const res = await upload(t, '/imports/registry', await sheet(rows), 'r.xlsx', admin);
      expect(res.status).toBe(400);
      expect(res.error.message).toContain(String(MAX_REGISTRY_ROWS));
      expect(await counts()).toEqual(before);
    });
  });

  it('audits every kind of write', async () => {
    const actions = [
      'jurisdiction.create',
      'jurisdiction.update',
      'department.create',
      'department.update',
      'department.confirm',
      'department.merge',
      'registry.import',
    ];
    const missing = await db.query(
      `SELECT a FROM unnest($1::text[]) a WHERE NOT EXISTS (SELECT 1 FROM audit_entry WHERE action = a)`,
      [actions],
    );
    expect(missing).toEqual([]);
  });

  it('takes its migration down and up again', async () => {
    const columns = () =>
      db.query(
        `SELECT column_name AS c FROM information_schema.columns
         WHERE table_name = 'department' AND column_name IN ('former_names', 'merged_into_id') ORDER BY 1`,
      );
    const migration = new DepartmentHistory1765200000000();
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await columns()).toEqual([]);
      await migration.up(runner);
      expect(await columns()).toEqual([{ c: 'former_names' }, { c: 'merged_into_id' }]);
    } finally {
      await runner.release();
    }
  });
});
