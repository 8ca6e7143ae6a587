import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from './access-scope.service.js';
import { hashPassword } from './auth.service.js';
import type { CreateUserInput } from './dtos/create-user.input.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.js';

const USERNAME_RE = /^[a-zA-Z0-9_.-]{3,64}$/;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  /** ADMIN creates anyone; a SUPERVISOR creates leaders and liaisons within its jurisdiction. */
  async create(scope: AccessScope, input: CreateUserInput): Promise<User> {
    this.validate(input);
    return this.dataSource.transaction(async (m) => {
      const jurisdictionId = await this.resolveJurisdiction(m, input);
      this.assertMayCreate(scope, input.role, jurisdictionId);
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

  /** For start-up and demo accounts: creates the user once, leaves an existing one as it is. */
  async ensure(input: CreateUserInput): Promise<User> {
    return this.dataSource.transaction(async (m) => {
      const existing = await m.getRepository(User).findOneBy({ username: input.username });
      if (existing) return existing;
      return this.insert(m, input, await this.resolveJurisdiction(m, input));
    });
  }

  private validate(input: CreateUserInput): void {
    if (!USERNAME_RE.test(input.username))
      throw new BadInputError('用户名须为 3–64 位字母、数字或 _.- (invalid username)');
    if (input.password.length < 8) throw new BadInputError('密码至少 8 位 (password too short)');
    if (!input.displayName.trim()) throw new BadInputError('显示名称不能为空 (displayName required)');
    if (input.role === UserRole.LIAISON && !input.departmentId)
      throw new BadInputError('联络员必须指定部门 (departmentId required for LIAISON)');
  }

  private async resolveJurisdiction(m: EntityManager, input: CreateUserInput): Promise<string | null> {
    if (input.departmentId) {
      const rows: { jurisdiction_id: string }[] = await m.query(
        'SELECT jurisdiction_id FROM department WHERE id = $1',
        [input.departmentId],
      );
      if (!rows[0]) throw new NotFoundError('Department', input.departmentId);
      if (input.jurisdictionId && input.jurisdictionId !== rows[0].jurisdiction_id)
        throw new BadInputError('部门不属于该辖区 (department is not in that jurisdiction)');
      return rows[0].jurisdiction_id;
    }
    if (!input.jurisdictionId) {
      if (input.role === UserRole.ADMIN) return null;
      throw new BadInputError('须指定辖区 (jurisdictionId required)');
    }
    const found: unknown[] = await m.query('SELECT 1 FROM jurisdiction WHERE id = $1', [input.jurisdictionId]);
    if (!found.length) throw new NotFoundError('Jurisdiction', input.jurisdictionId);
    return input.jurisdictionId;
  }

  private assertMayCreate(scope: AccessScope, role: UserRole, jurisdictionId: string | null): void {
    if (scope.user.role === UserRole.ADMIN) return;
    const allowed = role === UserRole.LEADER || role === UserRole.LIAISON;
    const within = jurisdictionId !== null && (scope.jurisdictionIds ?? []).includes(jurisdictionId);
    if (scope.user.role !== UserRole.SUPERVISOR || !allowed || !within) throw new ForbiddenError();
  }

  private async insert(m: EntityManager, input: CreateUserInput, jurisdictionId: string | null): Promise<User> {
    const repo = m.getRepository(User);
    return repo.save(
      repo.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName.trim(),
        role: input.role,
        departmentId: input.departmentId ?? null,
        jurisdictionId,
      }),
    );
  }
}
