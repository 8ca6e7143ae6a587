import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from './access-scope.service.js';
import { hashPassword } from './auth.service.js';
import type { CreateUserInput } from './dtos/create-user.input.js';
import { User } from './user.entity.js';
import { JurisdictionDirectory } from './jurisdiction-directory.js';
import { assertLiaisonHasDepartment, resolveJurisdiction } from './user-placement.js';

const USERNAME_RE = /^[a-zA-Z0-9_.-]{3,64}$/;
const MIN_PASSWORD_LENGTH = 8;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
    private readonly registry: JurisdictionDirectory,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ username });
  }

  /** ADMIN creates anyone; a SUPERVISOR creates leaders and liaisons within its jurisdiction. */
  async create(scope: AccessScope, input: CreateUserInput): Promise<User> {
    this.validate(input);
    return this.dataSource.transaction(async (m) => {
      const jurisdictionId = await resolveJurisdiction(m, this.registry, input);
      this.scopes.assertCanManageAccount(scope, input.role, jurisdictionId);
      const exists = await m.getRepository(User).existsBy({ username: input.username });
      if (exists) throw new ConflictError(`用户名 ${input.username} 已存在 (username taken)`);
      const user = await this.insert(m, input, jurisdictionId);
      await this.audit.record(m, scope.user.id, 'user.create', 'user', user.id, null, {
        username: user.username,
        role: user.role,
        departmentId: user.departmentId,
        jurisdictionId: user.jurisdictionId,
      });
      return user;
    });
  }

  /**
   * For start-up and demo accounts: creates the user once, leaves an existing one as it is.
   * `active: false` makes an account nobody logs in as (the seed's `system`).
   */
  async ensure(input: CreateUserInput, options: { active?: boolean } = {}): Promise<User> {
    return this.dataSource.transaction(async (m) => {
      const existing = await m.getRepository(User).findOneBy({ username: input.username });
      if (existing) return existing;
      return this.insert(m, input, await resolveJurisdiction(m, this.registry, input), options.active ?? true);
    });
  }

  private validate(input: CreateUserInput): void {
    if (!USERNAME_RE.test(input.username))
      throw new BadInputError('用户名须为 3–64 位字母、数字或 _.- (invalid username)');
    assertPasswordStrength(input.password);
    if (!input.displayName.trim()) throw new BadInputError('显示名称不能为空 (displayName required)');
    assertLiaisonHasDepartment(input);
  }

  private async insert(
    m: EntityManager,
    input: CreateUserInput,
    jurisdictionId: string | null,
    active = true,
  ): Promise<User> {
    const repo = m.getRepository(User);
    return repo.save(
      repo.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName.trim(),
        role: input.role,
        departmentId: input.departmentId ?? null,
        jurisdictionId,
        active,
      }),
    );
  }
}

export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new BadInputError(`密码至少 ${MIN_PASSWORD_LENGTH} 位 (password too short)`);
}
