import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { UserRole, UsersService, type AccessScope } from '@app/auth';
import { repoPath } from '@app/common';
import { DepartmentsService, RegistrySeeder } from '@app/departments';
import { loadRegistryFiles } from '@app/importer';
import { PlanImportService } from '@app/plans';
import { PlanPublishingService } from '@app/tasks';
import { demoAccounts, liaisonDisplayName } from './demo-accounts.js';

export interface SeedOptions {
  /** Creates `admin` with it when there is no `admin` yet. */
  adminPassword?: string;
  /** Imports and publishes the five seed plans. */
  plans: boolean;
  /** Creates the demo accounts with this password; null: none. */
  demoPassword: string | null;
}

/**
 * Loads the registry and, as asked, imports and publishes the seed plans and creates the accounts.
 * Idempotent: every step finds what an earlier start made (keys, text hashes, usernames).
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly registry: RegistrySeeder,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly importer: PlanImportService,
    private readonly publishing: PlanPublishingService,
  ) {}

  async run(options: SeedOptions): Promise<void> {
    const counts = await this.registry.load(loadRegistryFiles(repoPath('seeds', 'registry')));
    this.logger.log(
      `registry: ${counts.jurisdictions} jurisdictions, ${counts.functions} functions, ${counts.departments} departments`,
    );
    if (options.plans) await this.seedPlans(await this.systemScope());
    if (options.adminPassword) await this.ensureAdmin(options.adminPassword);
    if (options.demoPassword !== null) await this.seedDemoAccounts(options.demoPassword);
  }

  private async ensureAdmin(password: string): Promise<void> {
    if (await this.users.findByUsername('admin')) {
      this.logger.log('admin exists: left as it is (LUOSHI_ADMIN_PASSWORD applies only when it is created)');
      return;
    }
    await this.users.ensure({ username: 'admin', password, displayName: '系统管理员', role: UserRole.ADMIN });
    this.logger.log('admin created');
  }

  /** Seed work is done by a `system` account nobody can log in as (its password is never kept). */
  private async systemScope(): Promise<AccessScope> {
    const system = await this.users.ensure(
      {
        username: 'system',
        password: randomBytes(32).toString('hex'),
        displayName: '系统 (system)',
        role: UserRole.ADMIN,
      },
      { active: false },
    );
    const user = {
      id: system.id,
      username: system.username,
      role: UserRole.ADMIN,
      departmentId: null,
      jurisdictionId: null,
    };
    return { user, jurisdictionIds: null, departmentId: null };
  }

  private async seedPlans(scope: AccessScope): Promise<void> {
    const dir = repoPath('seeds', 'plans');
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const outcome = await this.importer.import(scope, {
        text: readFileSync(`${dir}/${file}`, 'utf8'),
        fileName: file,
      });
      for (const plan of outcome.plans) {
        const published = await this.publishing.publish(scope, plan.id);
        this.logger.log(`${file}: ${published.title} — ${published.status}`);
      }
    }
  }

  private async seedDemoAccounts(password: string): Promise<void> {
    const jurisdictions = await this.departments.listJurisdictions();
    const byKey = new Map(jurisdictions.map((j) => [j.key, j]));
    const names = new Map(jurisdictions.map((j) => [j.key, j.name]));
    for (const account of demoAccounts(names)) {
      const jurisdiction = byKey.get(account.jurisdictionKey);
      if (!jurisdiction)
        throw new Error(`Demo account ${account.username}: no jurisdiction ${account.jurisdictionKey}`);
      const departmentId = account.departmentKey
        ? await this.departments.ensureFunctionDepartment(account.jurisdictionKey, account.departmentKey.split('.')[1]!)
        : null;
      const departmentName = departmentId ? (await this.departments.findDepartment(departmentId))?.name : null;
      await this.users.ensure({
        username: account.username,
        password,
        displayName: departmentName ? liaisonDisplayName(departmentName) : account.displayName,
        role: account.role,
        jurisdictionId: jurisdiction.id,
        departmentId,
      });
    }
  }
}
