// What goes over the wire compressed: the console's assets (the build's .br/.gz, chosen by
// Accept-Encoding), GraphQL answers and exports of 1 KB or more (compressed per answer), each with
// Vary: Accept-Encoding. Needs the built console (npm run web:build).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { UserRole } from '../libs/auth/src/index.js';
import { repoPath } from '../libs/common/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';
import { readXlsx, rowsOf, tokenOf } from './support/xlsx.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const decoded = (res: Raw): Buffer =>
  res.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(res.body)
    : res.headers['content-encoding'] === 'gzip'
      ? gunzipSync(res.body)
      : res.body;

describe('compression on the wire', () => {
  let t: TestApp;
  let port: number;
  let planId: string;
  let leader: string;
  let liaison: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    await t.user('admin', UserRole.ADMIN);
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    [planId] = (await publishSeed(t, SEED_TENGZHOU, 'admin')) as [string];
    leader = await tokenOf(t, 'leader');
    liaison = await tokenOf(t, 'health');
  }, 60_000);
  afterAll(() => t.stop());

  /** A request with exactly these headers, its body as sent (node:http never decompresses). */
  const send = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const graphql = (query: string, encoding: string) =>
    send(
      'POST',
      '/graphql',
      { 'content-type': 'application/json', authorization: `Bearer ${leader}`, 'accept-encoding': encoding },
      JSON.stringify({ query, variables: { p: planId } }),
    );
  const encodingOf = (res: Raw) => [res.status, res.headers['content-encoding'] ?? 'identity', res.headers.vary];

  it("sends an asset's precompressed variant by Accept-Encoding, with its own type, and the file itself otherwise", async () => {
    const assets = repoPath('dist', 'web', 'assets');
    const script = readdirSync(assets).find((f) => f.endsWith('.js') && readdirSync(assets).includes(`${f}.br`))!;
    const original = readFileSync(`${assets}/${script}`);
    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', 'identity'],
    ] as const) {
      const res = await send('GET', `/assets/${script}`, { 'accept-encoding': accept });
      expect([accept, ...encodingOf(res)]).toEqual([accept, 200, expected, 'Accept-Encoding']);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers['cache-control']).toContain('immutable');
      expect(decoded(res).equals(original)).toBe(true);
      if (expected !== 'identity') expect(res.body.length).toBeLessThan(original.length / 2);
    }
    const none = await send('GET', `/assets/${script}`, {});
    expect(encodingOf(none)).toEqual([200, 'identity', 'Accept-Encoding']);
  });

  it('compresses a large GraphQL answer (the matrix), not a small one, and the JSON is the same', async () => {
    const MATRIX = `query($p: ID!) { responsibilityMatrix(planId: $p) { measures { id code title }
      departments { id name } cells { measureId departmentId taskId role status overdue escalationLevel } } }`;
    const plain = await graphql(MATRIX, 'identity');
    const br = await graphql(MATRIX, 'gzip, deflate, br, zstd');
    const gzip = await graphql(MATRIX, 'gzip');
    expect(encodingOf(plain)).toEqual([200, 'identity', 'Accept-Encoding']);
    expect(encodingOf(br)).toEqual([200, 'br', 'Accept-Encoding']);
    expect(encodingOf(gzip)).toEqual([200, 'gzip', 'Accept-Encoding']);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(JSON.parse(decoded(br).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(JSON.parse(decoded(gzip).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);

    const small = await graphql('query($p: ID!) { plan(id: $p) { id } }', 'br, gzip');
    expect(encodingOf(small)).toEqual([200, 'identity', 'Accept-Encoding']);
  });

  it('compresses an export, which still opens as the same spreadsheet', async () => {
    const get = (encoding: string) =>
      send('GET', '/exports/department-ledger.xlsx', {
        authorization: `Bearer ${liaison}`,
        'accept-encoding': encoding,
      });
    const [plain, gzip] = [await get('identity'), await get('gzip')];
    expect(encodingOf(plain)).toEqual([200, 'identity', 'Accept-Encoding']);
    expect(encodingOf(gzip)).toEqual([200, 'gzip', 'Accept-Encoding']);
    expect(gzip.headers['content-disposition']).toContain('attachment');
    expect(decoded(gzip).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const rows = async (xlsx: Buffer) => rowsOf((await readXlsx(xlsx)).worksheets[0]!);
    expect(await rows(decoded(gzip))).toEqual(await rows(plain.body));
    console.log(`department ledger: ${plain.body.length} B as xlsx, ${gzip.body.length} B gzipped`);
  });
});
