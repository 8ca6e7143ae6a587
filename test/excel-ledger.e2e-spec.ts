import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';
import { download, readXlsx, rowsOf, tokenOf, upload, type Download } from './support/xlsx.js';

// Setting up imports and publishes a seed plan: slow when the machine is busy.
jest.setTimeout(60_000);

const HEADERS = [
  '任务ID',
  '版本',
  '规划',
  '措施编号',
  '措施',
  '角色',
  '期限',
  '状态',
  '当前进度(%)',
  '进展情况',
  '存在问题',
  '下步计划',
  '进度(%)',
  '督办单',
];
const UPLOAD = '/imports/department-ledger';

interface Fill {
  narrative?: string;
  problems?: string;
  nextSteps?: string;
  progress?: number | string;
  taskId?: string;
  version?: number;
}

describe('the department ledger round trip (台账): download, fill in, upload as progress reports', () => {
  let t: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('police', UserRole.LIAISON, { departmentKey: 'tengzhou.PUBLIC_SECURITY' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    for (const u of ['admin', 'sup', 'leader', 'health', 'police']) tokens[u] = await tokenOf(t, u);
  });
  afterAll(() => t.stop());

  const reportCount = async () => (await db.query('SELECT count(*)::int AS n FROM progress_report'))[0].n as number;
  const ledger = async (as = 'health') => {
    const res = await download(t, '/exports/department-ledger.xlsx', tokens[as]);
    expect(res.status).toBe(200);
    return readXlsx(res.body);
  };
  /** Fills data rows (1 = the first task) of a downloaded ledger and returns the .xlsx to upload. */
  const filled = async (wb: ExcelJS.Workbook, fills: Record<number, Fill>): Promise<Buffer> => {
    const sheet = wb.worksheets[0]!;
    const col = (h: string) => HEADERS.indexOf(h) + 1;
    for (const [n, f] of Object.entries(fills)) {
      const row = sheet.getRow(Number(n) + 1);
      if (f.taskId !== undefined) row.getCell(col('任务ID')).value = f.taskId;
      if (f.version !== undefined) row.getCell(col('版本')).value = f.version;
      if (f.narrative !== undefined) row.getCell(col('进展情况')).value = f.narrative;
      if (f.problems !== undefined) row.getCell(col('存在问题')).value = f.problems;
      if (f.nextSteps !== undefined) row.getCell(col('下步计划')).value = f.nextSteps;
      if (f.progress !== undefined) row.getCell(col('进度(%)')).value = f.progress;
      row.commit();
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const send = (file: Buffer, as = 'health', name = '卫健委台账.xlsx') => upload(t, UPLOAD, file, name, tokens[as]);
  const refused = (res: Download) => ({ status: res.status, code: res.error.code });

  it("downloads the liaison's open tasks with blank columns to fill in", async () => {
    const wb = await ledger();
    const sheet = wb.worksheets[0]!;
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual(HEADERS);
    const open: { id: string; version: number }[] = await db.query(
      `SELECT t.id, t.version FROM task t JOIN department d ON d.id = t.department_id
       WHERE d.key = 'tengzhou.HEALTH' AND t.status NOT IN ('COMPLETED','CANCELLED') ORDER BY t.due_date, t.id`,
    );
    expect(rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(open.map((o) => [o.id, o.version]));
    expect(rows.slice(1).every((r) => r.slice(9).every((c) => c === ''))).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('M2').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 100] });
    expect((await download(t, '/exports/department-ledger.xlsx', tokens.leader)).status).toBe(403);
    const noDepartment = await download(t, '/exports/department-ledger.xlsx', tokens.sup);
    expect(refused(noDepartment)).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('turns each filled row into a progress report through the same rules as submitProgressReport', async () => {
    const wb = await ledger();
    const [first, second] = rowsOf(wb.worksheets[0]!).slice(1);
    const before = await reportCount();
    const res = await send(
      await filled(wb, {
        1: { narrative: '已完成摸底调查', problems: '基层人手不足', nextSteps: '开展培训', progress: 40 },
        2: { narrative: '方案已起草', progress: '15' },
      }),
    );
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body.toString('utf8'));
    expect(body.reports.map((r: { row: number; taskId: string }) => [r.row, r.taskId])).toEqual([
      [2, first![0]],
      [3, second![0]],
    ]);
    expect(await reportCount()).toBe(before + 2);
    const [report] = await db.query(
      `SELECT r.narrative, r.problems, r.next_steps, r.progress_percent, u.username, t.progress_percent AS task_progress,
              t.status, t.version
       FROM progress_report r JOIN task t ON t.id = r.task_id JOIN app_user u ON u.id = r.author_id WHERE r.id = $1`,
      [body.reports[0].reportId],
    );
    expect(report).toEqual({
      narrative: '已完成摸底调查',
      problems: '基层人手不足',
      next_steps: '开展培训',
      progress_percent: 40,
      username: 'health',
      task_progress: 40,
      status: 'IN_PROGRESS',
      version: Number(first![1]) + 1,
    });
    const audited = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'report.submit'`);
    expect(audited[0].n).toBe(2);
  });

  it('refuses the same file again: its versions are stale now; nothing of it is saved', async () => {
    const wb = await ledger();
    const file = await filled(wb, {
      1: { narrative: '第一次', progress: 50 },
      2: { narrative: '第一次', progress: 20 },
    });
    expect((await send(file)).status).toBe(201);
    const before = await reportCount();
    const again = await send(file);
    expect(refused(again)).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(again.error.errors!.map((e) => [e.row, e.column])).toEqual([
      [2, '版本（B列）'],
      [3, '版本（B列）'],
    ]);
    expect(again.error.message).toMatch(/第2行「版本（B列）」.*第3行「版本（B列）」/);
    expect(await reportCount()).toBe(before);
  });

  it.each<
    [string, (wb: ExcelJS.Workbook, ids: string[]) => Promise<Buffer>, RegExp, { row: number; column: string | null }[]]
  >([
    [
      'an unknown task id',
      (wb) =>
        filled(wb, {
          1: { narrative: '好', progress: 10 },
          3: { taskId: '00000000-0000-4000-8000-000000000001', narrative: '无此任务', progress: 10 },
        }),
      /第4行「任务ID（A列）」：任务不存在/,
      [{ row: 4, column: '任务ID（A列）' }],
    ],
    [
      "another department's task",
      async (wb, ids) =>
        filled(wb, {
          1: { narrative: '好', progress: 10 },
          2: { taskId: ids[0], version: 1, narrative: '越权', progress: 10 },
        }),
      /第3行「任务ID（A列）」：不是本部门的任务/,
      [{ row: 3, column: '任务ID（A列）' }],
    ],
    [
      'a bad progress and a missing narrative',
      (wb) => filled(wb, { 1: { narrative: '好', progress: 150 }, 2: { problems: '只写了问题' } }),
      /第2行「进度\(%\)（M列）」.*第3行「进度\(%\)（M列）」.*第3行「进展情况（J列）」/,
      [
        { row: 2, column: '进度(%)（M列）' },
        { row: 3, column: '进度(%)（M列）' },
        { row: 3, column: '进展情况（J列）' },
      ],
    ],
    [
      'the same task twice',
      async (wb) => {
        const first = wb.worksheets[0]!.getRow(2);
        return filled(wb, {
          1: { narrative: '一', progress: 10 },
          2: { taskId: first.getCell(1).text, version: Number(first.getCell(2).text), narrative: '二', progress: 20 },
        });
      },
      /第3行「任务ID（A列）」：与第2行重复/,
      [{ row: 3, column: '任务ID（A列）' }],
    ],
    [
      'what only the progress report itself refuses (a narrative over 20,000 characters)',
      (wb) => filled(wb, { 1: { narrative: '好', progress: 10 }, 2: { narrative: '长'.repeat(20_001), progress: 10 } }),
      /第3行：内容过长/,
      [{ row: 3, column: null }],
    ],
  ])('refuses %s, naming rows and columns, and saves nothing of the upload', async (_, make, message, where) => {
    const policeTask = await db.query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id WHERE d.key = 'tengzhou.PUBLIC_SECURITY' ORDER BY t.id LIMIT 1`,
    );
    await db.query('UPDATE task SET version = 1 WHERE id = $1', [policeTask[0].id]);
    const before = await reportCount();
    const versions = await db.query('SELECT sum(version)::int AS v FROM task');
    const res = await send(await make(await ledger(), [policeTask[0].id]));
    expect(refused(res)).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(res.error.message).toMatch(message);
    expect(res.error.errors!.map((e) => ({ row: e.row, column: e.column }))).toEqual(where);
    expect(await reportCount()).toBe(before);
    expect(await db.query('SELECT sum(version)::int AS v FROM task')).toEqual(versions);
  });

  it('refuses what is not a ledger: not an .xlsx, a broken file, missing columns, nothing filled in', async () => {
    const before = await reportCount();
    const text = await send(Buffer.from('任务ID,版本\n'), 'health', '台账.csv');
    expect(refused(text)).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(text.error.message).toContain('.xlsx');
    expect(refused(await send(Buffer.from('PK\u0003\u0004 not really a zip')))).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
    });

    const wb = await ledger();
    wb.worksheets[0]!.spliceColumns(13, 1); // 进度(%)
    wb.worksheets[0]!.spliceColumns(2, 1); // 版本
    const missing = await send(await filled(wb, {}));
    expect(refused(missing)).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(missing.error.message).toMatch(/缺少列.*版本、进度\(%\)/);

    const empty = await send(await filled(await ledger(), {}));
    expect(empty.error.message).toContain('没有填写');
    const none = await t.http().post(UPLOAD).set('authorization', `Bearer ${tokens.health}`);
    expect(none.status).toBe(400);
    expect(await reportCount()).toBe(before);
  });

  it('takes uploads from liaisons only, with a token', async () => {
    const file = await filled(await ledger(), { 1: { narrative: '好', progress: 10 } });
    expect(refused(await upload(t, UPLOAD, file, 'a.xlsx'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refused(await send(file, 'leader'))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(refused(await send(file, 'sup'))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  describe('indicator values (指标填报 sheet)', () => {
    let indicatorId: string;
    const ATTAINMENT = 'query($p: ID!) { indicatorAttainment(planId: $p) { indicatorId value status } }';
    const indicatorSheet = async (as = 'health') => (await ledger(as)).getWorksheet('指标填报');

    beforeAll(async () => {
      // The Tengzhou plan prints no indicator table: give the plan led by 卫计局 (HEALTH) one.
      const [plan] = await db.query(
        `SELECT p.id FROM plan p JOIN department d ON d.id = p.lead_department_id WHERE d.key = 'tengzhou.HEALTH'`,
      );
      [{ id: indicatorId }] = await db.query(
        `INSERT INTO indicator (plan_id, ordinal, name, unit, baseline_year, baseline_value, targets, source_line)
         VALUES ($1, 0, '家庭医生签约服务覆盖率', '%', 2016, '30', '[{"year": 2020, "value": "≥60"}]', 1) RETURNING id`,
        [plan.id],
      );
    });

    it("lists the plan's indicators for its lead only, and files a value with the task's report", async () => {
      expect(await indicatorSheet('police')).toBeUndefined();
      const wb = await ledger();
      const sheet = wb.getWorksheet('指标填报')!;
      const [header, ...rows] = rowsOf(sheet);
      expect(header).toEqual([
        '任务ID',
        '规划',
        '措施编号',
        '指标ID',
        '指标',
        '单位',
        '目标值',
        '最近上报值',
        '本次上报值',
        '数据年份',
      ]);
      expect(rows.map((r) => [r[3], r[4], r[5], r[6], r[7]])).toEqual([
        [indicatorId, '家庭医生签约服务覆盖率', '%', '2020年 ≥60', ''],
      ]);
      const taskRow = rowsOf(wb.worksheets[0]!).findIndex((r) => r[0] === rows[0]![0]);
      sheet.getCell('I2').value = '65';
      sheet.getCell('J2').value = 2020;
      const res = await send(await filled(wb, { [taskRow]: { narrative: '签约率已上报', progress: 50 } }));
      expect(res.status).toBe(201);
      const [report] = await db.query('SELECT indicator_values FROM progress_report WHERE id = $1', [
        JSON.parse(res.body.toString('utf8')).reports[0].reportId,
      ]);
      expect(report.indicator_values).toEqual([{ indicatorId, value: '65', year: 2020 }]);
      const [planId] = (await db.query('SELECT plan_id FROM indicator WHERE id = $1', [indicatorId])).map(
        (r: { plan_id: string }) => r.plan_id,
      );
      const attainment = await t.gql<{ indicatorAttainment: { value: string; status: string }[] }>(
        ATTAINMENT,
        { p: planId },
        'leader',
      );
      expect(attainment.data!.indicatorAttainment).toEqual([{ indicatorId, value: '65', status: 'ON_TRACK' }]);
      expect(rowsOf((await indicatorSheet())!)[1]![7]).toBe('65');
    });

    it("refuses a value whose task's row is not filled in, naming the sheet's row, and saves nothing", async () => {
      const wb = await ledger();
      wb.getWorksheet('指标填报')!.getCell('I2').value = '70';
      const other = rowsOf(wb.worksheets[0]!).findIndex(
        (r, i) => i > 0 && r[0] !== rowsOf(wb.getWorksheet('指标填报')!)[1]![0],
      );
      const before = await reportCount();
      const res = await send(await filled(wb, { [other]: { narrative: '其他任务', progress: 10 } }));
      expect(refused(res)).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(res.error.errors!.map((e) => ({ row: e.row, column: e.column }))).toEqual([
        { row: 2, column: '指标填报·任务ID（A列）' },
      ]);
      expect(await reportCount()).toBe(before);
    });

    it("lets only the plan's lead report indicator values through the API, and tells each task which it reports", async () => {
      const REPORTABLE = 'query($id: ID!) { task(id: $id) { reportableIndicators { id name unit } } }';
      const SUBMIT = 'mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }';
      const taskOf = async (key: string) =>
        (
          await db.query(
            `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id JOIN indicator i ON i.plan_id = t.plan_id
             WHERE d.key = $1 AND i.id = $2 AND t.status NOT IN ('COMPLETED','CANCELLED') ORDER BY t.id LIMIT 1`,
            [key, indicatorId],
          )
        )[0].id as string;
      const [health, police] = [await taskOf('tengzhou.HEALTH'), await taskOf('tengzhou.PUBLIC_SECURITY')];
      const reportable = async (id: string, as: string) =>
        (await t.gql<{ task: { reportableIndicators: { id: string }[] } }>(REPORTABLE, { id }, as)).data!.task
          .reportableIndicators;
      expect(await reportable(health, 'health')).toEqual([
        { id: indicatorId, name: '家庭医生签约服务覆盖率', unit: '%' },
      ]);
      expect(await reportable(police, 'police')).toEqual([]);
      const submit = (taskId: string, as: string) =>
        t.gql(
          SUBMIT,
          {
            input: {
              taskId,
              progressPercent: 20,
              narrative: '报送指标',
              indicatorValues: [{ indicatorId, value: '66' }],
            },
          },
          as,
        );
      const before = await reportCount();
      const refusedReport = await submit(police, 'police');
      expect(refusedReport.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refusedReport.errors?.[0]?.message).toContain('牵头部门');
      expect(await reportCount()).toBe(before);
      expect((await submit(health, 'health')).errors).toBeUndefined();
    });
  });
});
