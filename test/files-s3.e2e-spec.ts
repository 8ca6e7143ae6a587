import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { TestApp } from './support/test-app.js';
import { download, tokenOf, upload } from './support/xlsx.js';

/**
 * The S3 driver against a real S3-compatible endpoint (MinIO, AWS…), e.g.
 * TEST_S3_URL='s3://key:secret@luoshi-test?endpoint=http://127.0.0.1:9000' with the bucket created.
 */
const S3_URL = process.env.TEST_S3_URL;
const suite = S3_URL ? describe : describe.skip;

suite(
  `evidence files on S3 (${S3_URL ? 'TEST_S3_URL' : 'skipped: no S3-compatible endpoint configured — set TEST_S3_URL=s3://key:secret@bucket?endpoint=http://host:9000 to run'})`,
  () => {
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      t = await TestApp.start({ STORAGE_URL: S3_URL! });
      await t.user('s3.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
      token = await tokenOf(t, 's3.sup');
    });
    afterAll(() => t?.stop());

    it('keeps the bytes in the bucket, once per content, and serves them with ranges', async () => {
      const content = Buffer.from(`%PDF-1.4\nS3 ${Date.now()}\n%%EOF\n`);
      const a = await upload(t, '/uploads', content, 'a.pdf', token);
      const b = await upload(t, '/uploads', content, 'b.pdf', token);
      expect([a.status, b.status]).toEqual([201, 201]);
      const [first, second] = [a, b].map((r) => JSON.parse(r.body.toString()) as { id: string; sha256: string });
      expect(first!.sha256).toBe(second!.sha256);
      const rows = await t.get(DataSource).query('SELECT content FROM file_blob WHERE sha256 = $1', [first!.sha256]);
      expect(rows).toEqual([{ content: null }]);
      const whole = await download(t, `/files/${first!.id}`, token);
      expect(whole.body.equals(content)).toBe(true);
      const part = await t
        .http()
        .get(`/files/${second!.id}`)
        .set('authorization', `Bearer ${token}`)
        .set('range', 'bytes=0-3');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 0-3/${content.length}`);
    });
  },
);
