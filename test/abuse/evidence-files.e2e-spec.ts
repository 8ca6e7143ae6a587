import { UserRole } from '../../libs/auth/src/index.js';
import { TestApp } from '../support/test-app.js';
import { download, tokenOf, upload } from '../support/xlsx.js';

/** Uploads as an attacker would send them: pages to run in the console's origin, bad names, odd requests. */
describe('abuse: evidence file uploads', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start({ UPLOAD_MAX_FILE_MB: '1' });
    await t.user('abuse.files', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    token = await tokenOf(t, 'abuse.files');
  });
  afterAll(() => t?.stop());

  const uploaded = async (content: Buffer, name: string) => {
    const res = await upload(t, '/uploads', content, name, token);
    expect(res.status).toBe(201);
    return JSON.parse(res.body.toString()) as { id: string; contentType: string; name: string };
  };

  it('serves an HTML page (or an SVG: text too) only as a text download the browser may not sniff', async () => {
    const page = await uploaded(Buffer.from('<html><script>alert(document.cookie)</script></html>'), 'x.html');
    expect(page.contentType).toBe('text/plain; charset=utf-8');
    const res = await t.http().get(`/files/${page.id}`).set('authorization', `Bearer ${token}`);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a bare zip, a GIF, an ELF and unknown bytes whatever their names', async () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('payload.exe')]), '报告.docx', 'application/zip'],
      [Buffer.from('GIF89a\x01\x00'), '照片.png', 'image/gif'],
      [Buffer.from('\x7fELF\x02\x01\x01'), '说明.txt', 'application/x-elf'],
      [Buffer.from([0x00, 0x01, 0x02, 0x03]), '表格.xlsx', 'application/octet-stream'],
    ];
    for (const [content, name, named] of cases) {
      const res = await upload(t, '/uploads', content, name, token);
      expect(res.status).toBe(400);
      expect(res.error.code).toBe('BAD_USER_INPUT');
      expect(res.error.message).toContain(named);
    }
  });

  it('keeps a name with line breaks and quotes out of the headers it is echoed in', async () => {
    const file = await uploaded(Buffer.from('%PDF-1.4\n'), 'a"\r\nSet-Cookie: x=1.pdf');
    expect(file.name).not.toMatch(/[\r\n]/);
    const res = await download(t, `/files/${file.id}`, token);
    expect(res.status).toBe(200);
    expect(res.disposition).not.toMatch(/[\r\n]/);
    expect(res.disposition).toMatch(/^attachment; filename="a_Set-Cookie: x=1\.pdf"; filename\*=UTF-8''/);
  });

  it('refuses two files in one request, a missing file field and a request that is not multipart', async () => {
    const two = await t
      .http()
      .post('/uploads')
      .set('authorization', `Bearer ${token}`)
      .attach('file', Buffer.from('%PDF-1.4\n'), 'a.pdf')
      .attach('file', Buffer.from('%PDF-1.4\n'), 'b.pdf');
    expect(two.status).toBeGreaterThanOrEqual(400);
    expect(two.status).toBeLessThan(500);
    expect(two.body.code).toBe('BAD_USER_INPUT');
    const none = await t.http().post('/uploads').set('authorization', `Bearer ${token}`).field('other', 'x');
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.status).toBeLessThan(500);
    const json = await t.http().post('/uploads').set('authorization', `Bearer ${token}`).send({ file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('BAD_USER_INPUT');
  });

  it('answers an upload over the limit with 413, naming the limit', async () => {
    const res = await upload(
      t,
      '/uploads',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8 * 1024 * 1024)]),
      'big.pdf',
      token,
    );
    expect(res.status).toBe(413);
    expect(res.error.code).toBe('BAD_USER_INPUT');
    expect(res.error.message).toContain('1 MB');
  });
});
