import type { AppConfig } from '@app/common';
import { migrateCommand, runSeed } from './start-command.js';

export const SETUP_NEEDS_ADMIN_PASSWORD =
  'luoshi: setup needs LUOSHI_ADMIN_PASSWORD, the password of the admin account (at least 8 characters)';

/**
 * `npm run setup`: a database for real use — migrated, the registry loaded and `admin` created
 * from LUOSHI_ADMIN_PASSWORD; no seed plans, no demo accounts. Answers the process's exit code
 * (78, EX_CONFIG, without the password).
 */
export async function setupCommand(config: AppConfig, out: Pick<Console, 'log' | 'error'> = console): Promise<number> {
  if (!config.LUOSHI_ADMIN_PASSWORD) {
    out.error(SETUP_NEEDS_ADMIN_PASSWORD);
    return 78;
  }
  const applied = await migrateCommand(config);
  out.log(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}`);
  await runSeed(config, { adminPassword: config.LUOSHI_ADMIN_PASSWORD, plans: false, demoPassword: null });
  out.log('luoshi: set up — sign in as admin; create jurisdictions, departments and accounts in the console');
  return 0;
}
