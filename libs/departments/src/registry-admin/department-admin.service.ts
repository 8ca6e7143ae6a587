import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { BadInputError, ConflictError, NotFoundError } from '@app/common';
import { lockKey } from '@app/database';
import { Department } from '../department.entity.js';
import { DepartmentFunction } from '../department-function.entity.js';
import type { DepartmentInput, DepartmentPatch } from '../dtos/department.input.js';
import { Jurisdiction } from '../jurisdiction.entity.js';
import { sameList } from './jurisdiction-admin.service.js';
import { cleanNames, freeKey, requiredName } from './registry-names.js';

/** Creating, renaming and confirming the departments (部门) of a jurisdiction. */
@Injectable()
export class DepartmentAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
  ) {}

  create(scope: AccessScope, input: DepartmentInput): Promise<Department> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.createIn(m, scope, input);
      await this.audit.record(m, scope.user.id, 'department.create', 'department', d.id, null, stateOf(d));
      return d;
    });
  }

  update(scope: AccessScope, id: string, patch: DepartmentPatch): Promise<Department> {
    return this.dataSource.transaction(async (m) => {
      const { before, after } = await this.updateIn(m, scope, id, patch);
      if (before) await this.audit.record(m, scope.user.id, 'department.update', 'department', id, before, after);
      return after;
    });
  }

  /** A department the importer made for a name it did not know, accepted as a real one. */
  confirm(scope: AccessScope, id: string): Promise<Department> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.findLive(m, scope, id);
      if (!d.provisional) throw new BadInputError('该部门不是待确认部门 (department is not provisional)');
      await m.query('UPDATE department SET provisional = false WHERE id = $1', [id]);
      await this.audit.record(
        m,
        scope.user.id,
        'department.confirm',
        'department',
        id,
        { provisional: true },
        {
          provisional: false,
        },
      );
      return Object.assign(d, { provisional: false });
    });
  }

  /** Not audited here: the caller records it (one entry per mutation, or per registry upload). */
  async createIn(m: EntityManager, scope: AccessScope, input: DepartmentInput): Promise<Department> {
    const jurisdiction = await m.getRepository(Jurisdiction).findOneBy({ id: input.jurisdictionId });
    if (!jurisdiction) throw new NotFoundError('Jurisdiction', input.jurisdictionId);
    this.scopes.assertCanManageJurisdiction(scope, jurisdiction.id);
    const name = requiredName(input.name, '部门全称');
    const shortName = requiredName(input.shortName, '部门简称');
    const functionCode = await this.validFunction(m, input.functionCode);
    const aliases = cleanNames(input.aliases, [name, shortName]);
    await lockKey(m, 'department.names', jurisdiction.id);
    await this.assertNamesFree(m, jurisdiction.id, [name, shortName, ...aliases], null);
    const key = await freeKey(`${jurisdiction.key}.${functionCode}`, (k) =>
      m.getRepository(Department).existsBy({ key: k }),
    );
    const repo = m.getRepository(Department);
    return repo.save(
      repo.create({
        key,
        jurisdictionId: jurisdiction.id,
        functionCode,
        name,
        shortName,
        aliases,
        formerNames: [],
        provisional: false,
        mergedIntoId: null,
      }),
    );
  }

  /**
   * A rename keeps the old name (and old short name) as former names, so documents that use them
   * still resolve. `before` is null when nothing changes. Not audited here.
   */
  async updateIn(
    m: EntityManager,
    scope: AccessScope,
    id: string,
    patch: DepartmentPatch,
  ): Promise<{ before: object | null; after: Department }> {
    const d = await this.findLive(m, scope, id);
    const before = stateOf(d);
    const name = patch.name != null ? requiredName(patch.name, '部门全称') : d.name;
    const shortName = patch.shortName != null ? requiredName(patch.shortName, '部门简称') : d.shortName;
    const functionCode = patch.functionCode != null ? await this.validFunction(m, patch.functionCode) : d.functionCode;
    const aliases = cleanNames(patch.aliases ?? d.aliases, [name, shortName]);
    const current = [name, shortName, ...aliases];
    const formerNames = cleanNames([...d.formerNames, d.name, d.shortName], current);
    const after = { name, shortName, functionCode, aliases, formerNames };
    const unchanged =
      name === d.name &&
      shortName === d.shortName &&
      functionCode === d.functionCode &&
      sameList(aliases, d.aliases) &&
      sameList(formerNames, d.formerNames);
    if (unchanged) return { before: null, after: d };
    await lockKey(m, 'department.names', d.jurisdictionId);
    await this.assertNamesFree(m, d.jurisdictionId, current, d.id);
    await m.query(
      `UPDATE department SET name = $2, short_name = $3, function_code = $4, aliases = $5, former_names = $6
       WHERE id = $1`,
      [d.id, name, shortName, functionCode, aliases, formerNames],
    );
    return { before, after: Object.assign(d, after) };
  }

  /** A department that was not merged away, locked, within the caller's reach. */
  async findLive(m: EntityManager, scope: AccessScope, id: string): Promise<Department> {
    const d = await m.getRepository(Department).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!d) throw new NotFoundError('Department', id);
    this.scopes.assertCanManageJurisdiction(scope, d.jurisdictionId);
    if (d.mergedIntoId) throw new BadInputError('该部门已被合并，不能再修改 (department was merged into another)');
    return d;
  }

  private async validFunction(m: EntityManager, code: string): Promise<string> {
    const trimmed = code.trim();
    if (!(await m.getRepository(DepartmentFunction).existsBy({ code: trimmed })))
      throw new BadInputError(`职能代码 ${trimmed} 不存在 (unknown function code)`, { functionCode: trimmed });
    return trimmed;
  }

  /**
   * A name resolves to one department of a jurisdiction: none of `names` may be a name, short name,
   * alias or former name of another (not merged) department there.
   */
  private async assertNamesFree(m: EntityManager, jurisdictionId: string, names: string[], self: string | null) {
    const clash: { name: string; taken: string }[] = await m.query(
      `SELECT d.name, n AS taken FROM department d,
         unnest(ARRAY[d.name, d.short_name] || d.aliases || d.former_names) AS n
       WHERE d.jurisdiction_id = $1 AND d.merged_into_id IS NULL AND d.id IS DISTINCT FROM $3
         AND n = ANY($2::text[])
       LIMIT 1`,
      [jurisdictionId, names, self],
    );
    if (clash[0])
      throw new ConflictError(
        `「${clash[0].taken}」已是本辖区「${clash[0].name}」的名称 (name already used in the jurisdiction)`,
        {
          name: clash[0].taken,
        },
      );
  }
}

export function stateOf(d: Department) {
  return {
    key: d.key,
    name: d.name,
    shortName: d.shortName,
    functionCode: d.functionCode,
    aliases: d.aliases,
    formerNames: d.formerNames,
  };
}
