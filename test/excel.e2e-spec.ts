import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { displayWidth } from '../libs/evaluation/src/excel/workbook.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';
import { download, readXlsx, rowsOf, tokenOf } from './support/xlsx.js';

// Setting up imports and publishes a seed plan: slow when the machine is busy.
jest.setTimeout(60_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Excel downloads: matrix, overdue ledger, scorecards, evaluation', () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('cq.leader', UserRole.LEADER, { jurisdictionKey: 'chongqing' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('cq.health', UserRole.LIAISON, { departmentKey: 'chongqing.HEALTH' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    for (const u of ['admin', 'sup', 'leader', 'cq.leader', 'health', 'cq.health']) tokens[u] = await tokenOf(t, u);
  });
  afterAll(() => t.stop());

  it('downloads the responsibility matrix: measures × departments, Chinese headers, frozen header, fitting widths', async () => {
    const [overdue] = await db.query(
      `WITH moved AS (UPDATE task SET due_date = '2020-01-31'
         WHERE id = (SELECT id FROM task WHERE plan_id = $1 ORDER BY id LIMIT 1) RETURNING measure_id, department_id)
       SELECT * FROM moved`,
      [planId],
    );
    const res = await download(t, `/exports/plans/${planId}/responsibility-matrix.xlsx`, tokens.leader);
    expect(res.status).toBe(200);
    expect(res.type).toContain(XLSX);
    expect(res.disposition).toMatch(/^attachment; filename="responsibility-matrix.xlsx"; filename\*=UTF-8''%E8%B4%A3/);
    const sheet = (await readXlsx(res.body)).getWorksheet('责任矩阵')!;
    const rows = rowsOf(sheet);
    const [departments, measures] = await Promise.all([
      db.query(
        'SELECT DISTINCT d.id, d.short_name FROM task t JOIN department d ON d.id = t.department_id WHERE t.plan_id = $1',
        [planId],
      ),
      db.query('SELECT id, code, title FROM measure WHERE plan_id = $1 ORDER BY ordinal', [planId]),
    ]);
    expect(rows[0]!.slice(0, 2)).toEqual(['措施编号', '措施']);
    expect(new Set(rows[0]!.slice(2))).toEqual(new Set(departments.map((d: { short_name: string }) => d.short_name)));
    expect(rows.slice(1).map((r) => r[0])).toEqual(measures.map((m: { code: string }) => m.code));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    const longest = Math.max(...measures.map((m: { title: string }) => displayWidth(m.title)));
    expect(sheet.getColumn(2).width).toBe(Math.min(60, longest + 2));
    const measureRow = 2 + measures.findIndex((m: { id: string }) => m.id === overdue.measure_id);
    const deptName = departments.find((d: { id: string }) => d.id === overdue.department_id).short_name;
    const column = 1 + rows[0]!.indexOf(deptName);
    expect(sheet.getRow(measureRow).getCell(column).text).toMatch(/^(牵头|配合|责任)·.+·逾期/);
  });

  it('answers like the API: 401 without a token, 403 out of scope, 404 for no such plan', async () => {
    const path = `/exports/plans/${planId}/responsibility-matrix.xlsx`;
    expect((await download(t, path)).error.code).toBe('UNAUTHENTICATED');
    expect((await download(t, path)).status).toBe(401);
    const other = await download(t, path, tokens['cq.leader']);
    expect([other.status, other.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await download(t, path, tokens['cq.health'])).status).toBe(403);
    expect((await download(t, path, 'not-a-token')).status).toBe(401);
    const missing = await download(
      t,
      '/exports/plans/00000000-0000-0000-0000-000000000009/responsibility-matrix.xlsx',
      tokens.leader,
    );
    expect([missing.status, missing.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await download(t, '/exports/plans/nonsense/responsibility-matrix.xlsx', tokens.leader)).status).toBe(404);
  });

  it('downloads the overdue ledger (督办台账) of the caller’s reach, with days overdue and notices', async () => {
    const asOf = '2021-01-01';
    const [task] = await db.query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
       WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' AND t.status = 'NOT_STARTED' ORDER BY t.id LIMIT 1`,
      [planId],
    );
    await db.query(`UPDATE task SET due_date = '2020-12-01' WHERE id = $1`, [task.id]);
    const [notice] = await db.query(
      `INSERT INTO supervision_notice (jurisdiction_id, year, seq, number, department_id, requirements, response_due, issued_by)
       SELECT d.jurisdiction_id, 2020, 7, '督办〔2020〕7号', d.id, '限期整改', '2020-12-31', (SELECT id FROM app_user WHERE username = 'sup')
       FROM task t JOIN department d ON d.id = t.department_id WHERE t.id = $1 RETURNING id`,
      [task.id],
    );
    await db.query('INSERT INTO supervision_notice_task (notice_id, task_id) VALUES ($1, $2)', [notice.id, task.id]);

    const res = await download(t, `/exports/overdue-ledger.xlsx?asOf=${asOf}`, tokens.sup);
    expect(res.status).toBe(200);
    const sheet = (await readXlsx(res.body)).getWorksheet('督办台账')!;
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual([
      '序号',
      '任务ID',
      '规划',
      '措施编号',
      '措施',
      '责任单位',
      '角色',
      '期限',
      '原定期限',
      '逾期天数',
      '状态',
      '进度(%)',
      '预警级别',
      '督办单',
      '最近报告',
      '最近进展',
      '佐证材料',
    ]);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM task WHERE status NOT IN ('COMPLETED','CANCELLED') AND due_date < $1`,
      [asOf],
    );
    expect(rows).toHaveLength(n + 1);
    expect(rows[1]![0]).toBe('1');
    const line = rows.find((r) => r[1] === task.id)!;
    expect(line[9]).toBe('31');
    expect(line[13]).toBe('督办〔2020〕7号');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let c = 1; c <= rows[0]!.length; c++) {
      const widest = Math.max(...rows.map((r) => displayWidth(r[c - 1] ?? '')));
      // exceljs reads the default width (9) back as undefined.
      expect(sheet.getColumn(c).width ?? 9).toBe(Math.min(60, Math.max(6, widest + 2)));
    }

    const own = rowsOf(
      (await readXlsx((await download(t, `/exports/overdue-ledger.xlsx?asOf=${asOf}`, tokens.health)).body))
        .worksheets[0]!,
    );
    const [{ mine }] = await db.query(
      `SELECT count(*)::int AS mine FROM task t JOIN department d ON d.id = t.department_id
       WHERE d.key = 'tengzhou.HEALTH' AND t.status NOT IN ('COMPLETED','CANCELLED') AND t.due_date < $1`,
      [asOf],
    );
    expect(own).toHaveLength(mine + 1);
    expect(own.slice(1).every((r) => r[5] === own[1]![5])).toBe(true);

    const bad = await download(t, '/exports/overdue-ledger.xlsx?asOf=2021-02-30', tokens.sup);
    expect([bad.status, bad.error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await download(t, '/exports/overdue-ledger.xlsx')).status).toBe(401);
  });

  it('downloads the league table and an evaluation; liaisons may not', async () => {
    const asOf = '2021-01-01';
    const res = await download(t, `/exports/scorecards.xlsx?planId=${planId}&asOf=${asOf}`, tokens.leader);
    expect(res.status).toBe(200);
    const rows = rowsOf((await readXlsx(res.body)).getWorksheet('考核排名')!);
    expect(rows[0]).toEqual(expect.arrayContaining(['名次', '部门', '按期完成', '逾期', '督办单', '得分']));
    const live = await t.gql<{ departmentScorecards: { rank: number; score: number }[] }>(
      'query($p: ID, $a: Date!) { departmentScorecards(planId: $p, asOf: $a) { rank score } }',
      { p: planId, a: asOf },
      'leader',
    );
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(live.data!.departmentScorecards.map((c) => c.rank));
    expect(rows.slice(1).map((r) => Number(r.at(-1)))).toEqual(live.data!.departmentScorecards.map((c) => c.score));
    expect((await download(t, `/exports/scorecards.xlsx?planId=${planId}&asOf=${asOf}`, tokens.health)).status).toBe(
      403,
    );

    const created = await t.gql<{ createEvaluation: { id: string; title: string } }>(
      'mutation($i: CreateEvaluationInput!) { createEvaluation(input: $i) { id title } }',
      { i: { planId, kind: 'MID_TERM', asOf } },
      'sup',
    );
    const id = created.data!.createEvaluation.id;
    const file = await download(t, `/exports/evaluations/${id}/evaluation.xlsx`, tokens.leader);
    expect(file.status).toBe(200);
    const wb = await readXlsx(file.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['考核结果', '指标完成情况', '说明']);
    expect(rowsOf(wb.getWorksheet('考核结果')!)).toEqual(rows);
    expect(rowsOf(wb.getWorksheet('说明')!)[1]).toEqual(['评估', created.data!.createEvaluation.title]);
    expect((await download(t, `/exports/evaluations/${id}/evaluation.xlsx`, tokens.health)).status).toBe(403);
    expect((await download(t, `/exports/evaluations/${id}/evaluation.xlsx`, tokens['cq.leader'])).status).toBe(403);
  });
});
