import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts administered in the product: a user can be deactivated, and `token_version` (carried in
 * each JWT as `ver`) is raised by deactivation, a password reset or a change of role or placement,
 * so tokens issued before are refused. The seed's `system` account, which nobody logs in as, is
 * inactive: it must not count as the ADMIN that keeps the product administrable. Tokens signed
 * before carry no version and are refused: everyone signs in once more after the upgrade.
 */
export class AccountRevocation1765300000000 implements MigrationInterface {
  name = 'AccountRevocation1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN token_version int NOT NULL DEFAULT 0;
      UPDATE app_user SET active = false WHERE username = 'system';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN active, DROP COLUMN token_version`);
  }
}
