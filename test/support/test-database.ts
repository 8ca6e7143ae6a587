import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource, runMigrations } from '../../libs/database/src/index.js';
import { ADMIN_URL } from './database-url.js';

/** A fresh database for one test file, migrated by the real migrations. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${process.env.LUOSHI_TEST_RUN ?? 'luoshi_test_adhoc'}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataSource = await createDataSource(url.toString()).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
