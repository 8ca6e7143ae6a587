import { DataSource } from 'typeorm';
import pg from 'pg';
import { GRAPHQL_BODY_BYTES, IMPORT_BODY_BYTES } from '../../apps/api/src/graphql-body.js';
import { MAX_TOKENS } from '../../apps/api/src/graphql.config.js';
import { UserRole } from '../../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from '../support/seed-plans.js';
import { codeOf, TestApp } from '../support/test-app.js';

const IMPORT = 'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { warnings } }';

/** Names of the prepared statements that reach PostgreSQL while `fn` runs. */
async function preparedNames(fn: () => Promise<unknown>): Promise<Set<string>> {
  const names = new Set<string>();
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const name = (args[0] as { name?: string } | null)?.name;
    if (name) names.add(name);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
    return names;
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe('abuse: requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
  });
  afterAll(() => t.stop());

  /** POSTs `body` (a JSON text) to /graphql: status, first error code, and how long the answer took. */
  async function post(body: string, headers: Record<string, string> = {}) {
    const started = Date.now();
    const res = await t.http().post('/graphql').set('content-type', 'application/json').set(headers).send(body);
    return { status: res.status, code: res.body?.errors?.[0]?.extensions?.code as string, ms: Date.now() - started };
  }

  describe('body limits', () => {
    it('refuses a GraphQL body over 1 MB at once with 413', async () => {
      const body = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(GRAPHQL_BODY_BYTES * 2) } });
      const res = await post(body);
      expect(res).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
      expect(res.ms).toBeLessThan(2000);
    });

    it('refuses a body whose declared length passes the import limit before reading it', async () => {
      const body = JSON.stringify({
        query: IMPORT,
        variables: { input: { text: '一'.repeat(IMPORT_BODY_BYTES / 3 + 10) } },
      });
      expect(await post(body)).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
    });

    it('reads a large body for importPlanDocument (query first), and only for it', async () => {
      const text = '一、总体要求\n'.repeat(GRAPHQL_BODY_BYTES / 10); // about 2 MB
      // Unauthenticated: the body was read and parsed, and the guard answered, not the size limit.
      expect(await post(JSON.stringify({ query: IMPORT, variables: { input: { text } } }))).toMatchObject({
        status: 200,
        code: 'UNAUTHENTICATED',
      });
      // The same bulk under another operation, or with the query after it, is refused.
      const other = JSON.stringify({ query: 'mutation($input: String) { __typename }', variables: { input: text } });
      expect(await post(other)).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
      const queryLast = JSON.stringify({ variables: { input: { text } }, query: IMPORT });
      expect(await post(queryLast)).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
    });

    it(`stops parsing a document after ${MAX_TOKENS} tokens`, async () => {
      const fields = Array.from({ length: MAX_TOKENS }, (_, i) => `a${i}: __typename`).join(' ');
      const res = await post(JSON.stringify({ query: `{ ${fields} }` }));
      expect(res.code).toBe('BAD_USER_INPUT');
      expect(res.ms).toBeLessThan(2000);
    });

    it('answers malformed JSON with BAD_USER_INPUT, not a stack', async () => {
      const res = await t.http().post('/graphql').set('content-type', 'application/json').send('{"query": ');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.text).not.toMatch(/node_modules|at /);
    });
  });

  describe('security headers', () => {
    it.each([
      ['GET /health', () => t.http().get('/health')],
      ['POST /graphql', () => t.http().post('/graphql').send({ query: '{ __typename }' })],
      ['an unknown path', () => t.http().get('/nothing-here.json')],
    ])('sets CSP, nosniff and Referrer-Policy on %s, and no HSTS over plain HTTP', async (_, send) => {
      const res = await send();
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('does not trust X-Forwarded-Proto without TRUST_PROXY', async () => {
      const res = await t.http().get('/health').set('x-forwarded-proto', 'https');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('keeps exports and GraphQL answers out of every cache', async () => {
      const res = await t.http().get('/exports/overdue-ledger.xlsx'); // refused, and still not to be kept
      expect(res.headers['cache-control']).toBe('no-store');
      const answer = await t.http().post('/graphql').send({ query: '{ __typename }' });
      expect(answer.headers['cache-control']).toBe('no-store');
    });

    it('suggests field names outside production', async () => {
      const res = await t.gql('{ tsks(first: 1) { totalCount } }', {}, 'sup');
      expect(res.errors![0]!.message).toMatch(/Did you mean/);
    });
  });

  it('answers a race to create the same thing (SQLSTATE 23505) with CONFLICT, never INTERNAL_SERVER_ERROR', async () => {
    // Its own department's task: a liaison also reads partner departments' tasks on shared measures.
    const [{ id: health }] = await t.get(DataSource).query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`);
    const page = await t.gql<{ tasks: { edges: { node: { id: string } }[] } }>(
      'query($d: ID) { tasks(first: 1, filter: { status: [NOT_STARTED], departmentId: $d }) { edges { node { id } } } }',
      { d: health },
      'health',
    );
    const taskId = page.data!.tasks.edges[0]!.node.id;
    const request = `mutation($id: ID!) { requestExtension(taskId: $id, requestedDueDate: "2031-12-31", reason: "并发") { id } }`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.gql(request, { id: taskId }, 'health')));
    const codes = answers.map((a) => codeOf(a) ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK')).toEqual(Array(7).fill('CONFLICT'));
  });

  it('prepares a bounded set of statements for the task page, whatever the page size and status list', async () => {
    const page = (first: number, status: string[]) =>
      t.gql(
        `{ tasks(first: ${first}, filter: { status: [${status.join(', ')}] }) { edges { node { id } } } }`,
        {},
        'sup',
      );
    const statuses = ['NOT_STARTED', 'IN_PROGRESS', 'PENDING_REVIEW', 'COMPLETED', 'CANCELLED'];
    const names = await preparedNames(async () => {
      for (let first = 1; first <= 200; first += 7) {
        const res = await page(first, statuses.slice(0, 1 + (first % 5)).concat(first % 2 ? ['NOT_STARTED'] : []));
        expect(res.errors).toBeUndefined();
      }
    });
    // One statement per page-size band (LIMIT_BANDS in tasks.service.ts), not one per size or list.
    expect(names.size).toBeLessThanOrEqual(5);
  });

  it('prepares a bounded set of statements for the task page, whatever fields of measure and department are picked', async () => {
    const measureFields = ['code', 'title', 'id', 'sectionTitle', 'deadline', 'deadlineSource', 'sourceLine', 'text'];
    const departmentFields = ['name', 'shortName', 'key', 'functionCode', 'aliases', 'provisional'];
    const names = await preparedNames(async () => {
      for (let i = 1; i < 2 ** measureFields.length; i += 5) {
        const measure = measureFields.filter((_, bit) => i & (1 << bit)).join(' ');
        const department = departmentFields.filter((_, bit) => (i >> 2) & (1 << bit)).join(' ') || 'name';
        const query = `{ tasks(first: 50) { edges { node { id measure { ${measure} } department { ${department} } } } } }`;
        expect((await t.gql(query, {}, 'sup')).errors).toBeUndefined();
      }
    });
    // The measure not joined or joined by one of three column sets, the department not joined or by one
    // of two (PAGE_JOINED), the tasks' keys read exactly when one of them is not joined: twelve shapes.
    expect(names.size).toBeLessThanOrEqual(12);
  });

  it('keeps a leader from pulling every plan’s measures, tasks and reports in one request', async () => {
    const res = await t.gql(
      '{ plans { measures { tasks { status reports { narrative } department { name } } assignments { role } } } }',
      {},
      'leader',
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/complexity/);
  });
});

describe('abuse: requests in production behind a TLS proxy (TRUST_PROXY=loopback)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ NODE_ENV: 'production', TRUST_PROXY: 'loopback' });
    await t.user('prod.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
  });
  afterAll(() => t.stop());

  it('sends HSTS when TLS ended at the proxy, and only then', async () => {
    const https = await t.http().get('/health').set('x-forwarded-proto', 'https');
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const http = await t.http().get('/health').set('x-forwarded-proto', 'http');
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });

  it('names no schema field in a validation error', async () => {
    const res = await t.gql('{ tsks(first: 1) { totalCount } }', {}, 'prod.sup');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).not.toMatch(/Did you mean|tasks/);
  });
});
