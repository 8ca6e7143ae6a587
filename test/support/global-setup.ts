import { randomBytes } from 'node:crypto';

/**
 * Names this run: every test file makes its own database `<run>_<n>` (TestApp.start or
 * testDatabase), migrated by the real migrations, and drops it; global-teardown removes
 * any a crashed file left behind. Queues get a run-unique prefix the same way.
 */
export default async function globalSetup(): Promise<void> {
  const run = `luoshi_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  process.env.LUOSHI_TEST_RUN = run;
  process.env.QUEUE_PREFIX = run;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'silent';
  process.env.JWT_SECRET = randomBytes(24).toString('hex');
  // Tests sweep for the dates they choose; a worker sweeping for today on its own would race them.
  process.env.SWEEP_CATCH_UP_MS = '0';
}
