import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { UploadCleanupProcessor } from '../libs/files/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';
import { dropQueues, startWorker, waitFor } from './support/test-worker.js';
import { download, readXlsx, rowsOf, tokenOf, upload } from './support/xlsx.js';

const PREFIX = `${process.env.QUEUE_PREFIX ?? 'luoshi-test'}_files`;
const MB = 1024 * 1024;

const REPORT = `mutation($input: ProgressReportInput!) {
  submitProgressReport(input: $input) { id attachments { id name size contentType sha256 url } } }`;
const TASK_REPORTS = `query($id: ID!) { task(id: $id) { reports { id attachments { id name contentType url } } } }`;

/** One small file of each accepted kind, as its first bytes make it. */
async function samples(): Promise<[name: string, content: Buffer, type: string][]> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['措施', '进度']);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  return [
    ['会议纪要.pdf', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'), 'application/pdf'],
    ['现场照片.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['签字扫描.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ['photo.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['统计表.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['旧版.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/x-ole-storage'],
    ['说明.txt', Buffer.from('整改情况说明\n一、已完成。\n'), 'text/plain; charset=utf-8'],
  ];
}

describe('evidence files (佐证材料)', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext | undefined;
  let taskId: string;
  let token: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start({ UPLOAD_MAX_FILE_MB: '1', UPLOAD_MAX_REPORT_MB: '2', QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('cq.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('cq.health', UserRole.LIAISON, { departmentKey: 'chongqing.HEALTH' });
    const [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    await publishSeed(t, SEED_CHONGQING, 'admin');
    // A lead task whose measure has a cooperating department: that department's liaison reads its reports.
    const [pick]: { id: string; lead: string; coop: string }[] = await db.query(
      `SELECT l.id, d.key AS lead, f.key AS coop
       FROM task l JOIN department d ON d.id = l.department_id
       JOIN task c ON c.measure_id = l.measure_id AND c.id <> l.id AND c.role = 'COOPERATING'
       JOIN department f ON f.id = c.department_id
       WHERE l.plan_id = $1 AND l.role = 'LEAD' AND d.key LIKE 'tengzhou.%' AND f.key LIKE 'tengzhou.%'
       ORDER BY l.id LIMIT 1`,
      [planId],
    );
    taskId = pick!.id;
    await t.user('lead', UserRole.LIAISON, { departmentKey: pick!.lead });
    await t.user('coop', UserRole.LIAISON, { departmentKey: pick!.coop });
    token = {};
    for (const u of ['admin', 'sup', 'cq.sup', 'cq.health', 'lead', 'coop']) token[u] = await tokenOf(t, u);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  const send = (content: Buffer, name: string, as = 'lead') => upload(t, '/uploads', content, name, token[as]);
  const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as Record<string, string & number>;
  const stored = async (content: Buffer, name: string, as = 'lead') => {
    const res = await send(content, name, as);
    expect(res.status).toBe(201);
    return json(res.body);
  };

  it('takes each accepted type, typed from its bytes, and answers id, name, size, contentType and sha256', async () => {
    for (const [name, content, type] of await samples()) {
      const res = await send(content, name);
      expect(res.status).toBe(201);
      expect(json(res.body)).toEqual({
        id: expect.any(String),
        name,
        size: content.length,
        contentType: type,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
    }
  });

  it('refuses an executable named .pdf, naming what it is, and a file over the limit, storing neither', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM upload');
    const exe = await send(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), '会议纪要.pdf');
    expect(exe.status).toBe(400);
    expect(exe.error.code).toBe('BAD_USER_INPUT');
    expect(exe.error.message).toContain('application/x-msdownload');
    const big = await send(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * MB, 0x20)]), 'big.pdf');
    expect(big.status).toBe(413);
    expect(big.error.code).toBe('BAD_USER_INPUT');
    expect(big.error.message).toContain('1 MB');
    expect(await db.query('SELECT count(*)::int AS n FROM upload')).toEqual(before);
    const anonymous = await upload(t, '/uploads', Buffer.from('%PDF-1.4\n'), 'a.pdf');
    expect(anonymous.status).toBe(401);
    expect(anonymous.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the display name only: a path in the name is not a path', async () => {
    const file = await stored(Buffer.from('路径测试\n'), '../../etc/passwd');
    expect(file.name).toBe('passwd');
  });

  it('stores the same content once', async () => {
    const content = Buffer.from(`同一份材料 ${Date.now()}\n`);
    const a = await stored(content, '材料.txt');
    const b = await stored(content, '材料副本.txt', 'coop');
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect(await db.query('SELECT count(*)::int AS n FROM file_blob WHERE sha256 = $1', [a.sha256])).toEqual([
      { n: 1 },
    ]);
  });

  it('attaches files to a report, lists them on the task, and serves them under the task scope', async () => {
    const pdf = await stored(Buffer.from('%PDF-1.4\n会议纪要正文\n%%EOF\n'), '会议纪要（第3次）.pdf');
    const txt = await stored(Buffer.from('0123456789abcdef'), 'notes.txt');
    const res = await t.gql<{ submitProgressReport: { id: string; attachments: Record<string, unknown>[] } }>(
      REPORT,
      { input: { taskId, progressPercent: 30, narrative: '召开推进会', attachmentIds: [pdf.id, txt.id] } },
      'lead',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitProgressReport.attachments).toEqual([
      { ...pdf, url: `/files/${pdf.id}` },
      { ...txt, url: `/files/${txt.id}` },
    ]);
    const read = await t.gql<{ task: { reports: { id: string; attachments: { name: string; url: string }[] }[] } }>(
      TASK_REPORTS,
      { id: taskId },
      'coop',
    );
    const report = read.data!.task.reports.find((r) => r.id === res.data!.submitProgressReport.id)!;
    expect(report.attachments.map((a) => a.name)).toEqual(['会议纪要（第3次）.pdf', 'notes.txt']);

    for (const as of ['lead', 'coop', 'sup', 'admin']) {
      const file = await download(t, `/files/${pdf.id}`, token[as]);
      expect(file.status).toBe(200);
      expect(file.body.toString('utf8')).toContain('会议纪要正文');
    }
    const file = await download(t, `/files/${pdf.id}`, token.coop);
    expect(file.type).toBe('application/pdf');
    expect(file.disposition).toContain('attachment;');
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('会议纪要（第3次）.pdf')}`);
    const head = await t.http().get(`/files/${pdf.id}`).set('authorization', `Bearer ${token.coop}`);
    expect(head.headers['x-content-type-options']).toBe('nosniff');
    expect(head.headers['accept-ranges']).toBe('bytes');
    // Another city, the office's as much as a department's: refused as its tasks are.
    for (const as of ['cq.sup', 'cq.health']) {
      const refused = await download(t, `/files/${pdf.id}`, token[as]);
      expect(refused.status).toBe(403);
      expect(refused.error.code).toBe('FORBIDDEN');
    }
    expect((await download(t, `/files/${pdf.id}`)).status).toBe(401);

    // Ranges: one range is 206 with its Content-Range, past the end 416.
    const part = await t
      .http()
      .get(`/files/${txt.id}`)
      .set('authorization', `Bearer ${token.coop}`)
      .set('range', 'bytes=4-7')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 4-7/16');
    expect((part.body as Buffer).toString()).toBe('4567');
    const tail = await t
      .http()
      .get(`/files/${txt.id}`)
      .set('authorization', `Bearer ${token.coop}`)
      .set('range', 'bytes=-3');
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe('bytes 13-15/16');
    const beyond = await t
      .http()
      .get(`/files/${txt.id}`)
      .set('authorization', `Bearer ${token.coop}`)
      .set('range', 'bytes=16-');
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */16');

    // Attached once: the same upload cannot join a second report.
    const again = await t.gql(
      REPORT,
      { input: { taskId, progressPercent: 35, narrative: '再报', attachmentIds: [pdf.id] } },
      'lead',
    );
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it("names the latest report's files in the overdue ledger (督办台账)", async () => {
    await db.query(`UPDATE task SET due_date = '2021-06-30' WHERE id = $1`, [taskId]);
    const res = await download(t, '/exports/overdue-ledger.xlsx?asOf=2021-07-15', token.sup);
    expect(res.status).toBe(200);
    const rows = rowsOf((await readXlsx(res.body)).worksheets[0]!);
    const files = rows[0]!.indexOf('佐证材料');
    expect(files).toBeGreaterThan(0);
    expect(rows.find((r) => r[1] === taskId)![files]).toBe('会议纪要（第3次）.pdf、notes.txt');
  });

  it('shows an unattached upload to its uploader only', async () => {
    const own = await stored(Buffer.from('%PDF-1.4\n草稿\n'), '草稿.pdf', 'coop');
    expect((await download(t, `/files/${own.id}`, token.coop)).status).toBe(200);
    for (const as of ['lead', 'sup']) {
      const other = await download(t, `/files/${own.id}`, token[as]);
      expect(other.status).toBe(404);
      expect(other.error.code).toBe('NOT_FOUND');
    }
    expect((await download(t, '/files/not-a-uuid', token.coop)).status).toBe(404);
  });

  it('saves nothing of a report refused for a foreign attachment or over the per-report total', async () => {
    const reportsBefore = await db.query('SELECT count(*)::int AS n FROM progress_report WHERE task_id = $1', [taskId]);
    const mine = await stored(Buffer.from('%PDF-1.4\n我的\n'), '我的.pdf');
    const theirs = await stored(Buffer.from('%PDF-1.4\n别人的\n'), '别人的.pdf', 'coop');
    const foreign = await t.gql(
      REPORT,
      { input: { taskId, progressPercent: 40, narrative: '附他人文件', attachmentIds: [mine.id, theirs.id] } },
      'lead',
    );
    expect(codeOf(foreign)).toBe('FORBIDDEN');
    const unknown = await t.gql(
      REPORT,
      {
        input: {
          taskId,
          progressPercent: 40,
          narrative: '附不存在的文件',
          attachmentIds: [mine.id, '00000000-0000-4000-8000-000000000000'],
        },
      },
      'lead',
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    // 3 × 0.9 MB against a 2 MB total.
    const heavy = [];
    for (const n of [1, 2, 3])
      heavy.push(
        await stored(Buffer.concat([Buffer.from(`%PDF-1.4\n${n}\n`), Buffer.alloc(0.9 * MB, 0x20)]), `${n}.pdf`),
      );
    const total = await t.gql(
      REPORT,
      { input: { taskId, progressPercent: 40, narrative: '超总量', attachmentIds: heavy.map((h) => h.id) } },
      'lead',
    );
    expect(codeOf(total)).toBe('BAD_USER_INPUT');
    expect(total.errors![0]!.message).toContain('2 MB');
    expect(await db.query('SELECT count(*)::int AS n FROM progress_report WHERE task_id = $1', [taskId])).toEqual(
      reportsBefore,
    );
    const attached = await db.query(
      'SELECT count(*)::int AS n FROM upload WHERE id = ANY($1) AND attached_at IS NOT NULL',
      [[mine.id, theirs.id, ...heavy.map((h) => h.id)]],
    );
    expect(attached).toEqual([{ n: 0 }]);
  });

  it('attaches files to an extension request and to a notice answer, each under its own scope', async () => {
    const ask = await stored(Buffer.from('%PDF-1.4\n延期说明\n'), '延期说明.pdf');
    const ext = await t.gql<{ requestExtension: { id: string; attachments: { name: string }[] } }>(
      `mutation($id: ID!, $files: [ID!]) { requestExtension(taskId: $id, requestedDueDate: "2031-12-31",
        reason: "汛期施工受阻", attachmentIds: $files) { id attachments { name } } }`,
      { id: taskId, files: [ask.id] },
      'lead',
    );
    expect(ext.errors).toBeUndefined();
    expect(ext.data!.requestExtension.attachments).toEqual([{ name: '延期说明.pdf' }]);
    expect((await download(t, `/files/${ask.id}`, token.sup)).status).toBe(200);
    expect((await download(t, `/files/${ask.id}`, token['cq.sup'])).status).toBe(403);

    const notice = await t.gql<{ issueSupervisionNotice: { id: string } }>(
      `mutation($input: SupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { id } }`,
      { input: { taskIds: [taskId], requirements: '限期整改', responseDue: '2030-12-31' } },
      'sup',
    );
    expect(notice.errors).toBeUndefined();
    const answer = await stored(Buffer.from('%PDF-1.4\n整改报告\n'), '整改报告.pdf');
    const responded = await t.gql<{ respondToSupervisionNotice: { attachments: { name: string; url: string }[] } }>(
      `mutation($id: ID!, $files: [ID!]) { respondToSupervisionNotice(noticeId: $id, response: "已整改",
        attachmentIds: $files) { attachments { name url } } }`,
      { id: notice.data!.issueSupervisionNotice.id, files: [answer.id] },
      'lead',
    );
    expect(responded.errors).toBeUndefined();
    expect(responded.data!.respondToSupervisionNotice.attachments).toEqual([
      { name: '整改报告.pdf', url: `/files/${answer.id}` },
    ]);
    // A notice is its department's and the office's: the cooperating department does not read it.
    expect((await download(t, `/files/${answer.id}`, token.sup)).status).toBe(200);
    expect((await download(t, `/files/${answer.id}`, token.coop)).status).toBe(403);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'upload.attach' AND entity_id = ANY($1)`,
      [[ask.id, answer.id]],
    );
    expect(audit).toEqual([{ n: 2 }]);
  });

  it('removes, through the worker, uploads not attached within a day and the blobs nobody refers to', async () => {
    const stale = await stored(Buffer.from(`%PDF-1.4\n被遗忘 ${Date.now()}\n`), '被遗忘.pdf');
    const fresh = await stored(Buffer.from(`%PDF-1.4\n刚上传 ${Date.now()}\n`), '刚上传.pdf');
    const used = await stored(Buffer.from(`%PDF-1.4\n已附上 ${Date.now()}\n`), '已附上.pdf');
    const report = await t.gql(
      REPORT,
      { input: { taskId, progressPercent: 50, narrative: '附件保留', attachmentIds: [used.id] } },
      'lead',
    );
    expect(report.errors).toBeUndefined();
    const kept = await db.query(`SELECT id FROM upload WHERE attached_at IS NOT NULL`);
    // A day and a minute ago, for this upload and every attached one (attached files stay regardless).
    await db.query(
      `UPDATE upload SET created_at = now() - interval '1 day 1 minute' WHERE id = $1 OR attached_at IS NOT NULL`,
      [stale.id],
    );
    worker = await startWorker(t.databaseUrl, { QUEUE_PREFIX: PREFIX, SWEEP_CATCH_UP_MS: '0' });
    await worker.get(UploadCleanupProcessor).enqueueNow();
    await waitFor('the stale upload removed', async () => {
      const rows = await db.query('SELECT 1 FROM upload WHERE id = $1', [stale.id]);
      return rows.length === 0;
    });
    expect(await db.query('SELECT 1 FROM file_blob WHERE sha256 = $1', [stale.sha256])).toEqual([]);
    expect((await db.query('SELECT id FROM upload WHERE id = $1', [fresh.id])).length).toBe(1);
    expect((await db.query(`SELECT id FROM upload WHERE attached_at IS NOT NULL`)).length).toBe(kept.length);
    expect((await download(t, `/files/${stale.id}`, token.lead)).status).toBe(404);
    const audit = await db.query(`SELECT actor_id FROM audit_entry WHERE action = 'upload.expire' AND entity_id = $1`, [
      stale.id,
    ]);
    expect(audit).toEqual([{ actor_id: null }]);
  });
});
