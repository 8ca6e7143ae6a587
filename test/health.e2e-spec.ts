import { createServer, type Server } from 'node:net';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap.js';
import { parseConfig } from '../libs/common/src/index.js';
import { createTestDatabase } from './support/test-database.js';

describe('GET /health', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is 200 when PostgreSQL and Redis answer', async () => {
    const app = await createApi(parseConfig({ ...process.env, DATABASE_URL: db.url }));
    app.useLogger(false);
    await app.init();
    try {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    } finally {
      await app.close();
    }
  });

  it('is 503 naming Redis when Redis does not answer', async () => {
    // A port that accepts nothing: nothing listens once the probe server is closed.
    const port = await freePort();
    const app = await createApi(
      parseConfig({ ...process.env, DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}` }),
    );
    app.useLogger(false);
    await app.init();
    try {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'down', postgres: 'up', redis: 'down', down: ['redis'] });
    } finally {
      await app.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
