import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AccessScopeService, UserRole, type AccessScope, UserStatusChannel } from '@app/auth';
import { ConflictError, ForbiddenError, NotFoundError } from '@app/common';
import { lockKey } from '@app/database';
import type { JurisdictionInput, JurisdictionPatch } from '../dtos/jurisdiction.input.js';
import { Jurisdiction } from '../jurisdiction.entity.js';
import { assertBelow, cleanNames, freeKey, requiredName, slugOf, validLevel } from './registry-names.js';

/** What an administrator changes of the jurisdiction tree (行政区划). */
@Injectable()
export class JurisdictionAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
    private readonly accessChanges: UserStatusChannel,
  ) {}

  async create(scope: AccessScope, input: JurisdictionInput): Promise<Jurisdiction> {
    const created = await this.dataSource.transaction(async (m) => {
      const j = await this.createIn(m, scope, input);
      await this.audit.record(m, scope.user.id, 'jurisdiction.create', 'jurisdiction', j.id, null, stateOf(j));
      return j;
    });
    await this.accessChanges.treeChanged();
    return created;
  }

  async update(scope: AccessScope, id: string, patch: JurisdictionPatch): Promise<Jurisdiction> {
    return this.dataSource.transaction(async (m) => {
      const { before, after } = await this.updateIn(m, scope, id, patch);
      if (before) await this.audit.record(m, scope.user.id, 'jurisdiction.update', 'jurisdiction', id, before, after);
      return after;
    });
  }

  /** A SUPERVISOR creates below its own jurisdiction; only ADMIN creates a root. Not audited here. */
  async createIn(m: EntityManager, scope: AccessScope, input: JurisdictionInput): Promise<Jurisdiction> {
    const name = requiredName(input.name, '行政区划名称');
    const level = validLevel(input.level);
    const parent = input.parentId ? await this.find(m, input.parentId) : null;
    if (!parent && scope.user.role !== UserRole.ADMIN)
      throw new ForbiddenError('只有管理员可以创建顶级行政区划 (only ADMIN creates a root jurisdiction)');
    if (parent) {
      this.scopes.assertCanManageJurisdiction(scope, parent.id);
      assertBelow(parent.level, level);
    }
    await lockKey(m, 'jurisdiction.children', parent?.id ?? 'root');
    await this.assertNameFree(m, parent?.id ?? null, name, null);
    const base = parent ? `${parent.key}.${slugOf(name)}` : slugOf(name);
    const key = await freeKey(base, (k) => m.getRepository(Jurisdiction).existsBy({ key: k }));
    const repo = m.getRepository(Jurisdiction);
    return repo.save(
      repo.create({ key, name, level, parentId: parent?.id ?? null, aliases: cleanNames(input.aliases, [name]) }),
    );
  }

  /** `before` is null when the patch changes nothing (a second registry upload). Not audited here. */
  async updateIn(
    m: EntityManager,
    scope: AccessScope,
    id: string,
    patch: JurisdictionPatch,
  ): Promise<{ before: object | null; after: Jurisdiction }> {
    const j = await this.find(m, id, true);
    this.scopes.assertCanManageJurisdiction(scope, j.id);
    const before = stateOf(j);
    const name = patch.name != null ? requiredName(patch.name, '行政区划名称') : j.name;
    if (name !== j.name) {
      await lockKey(m, 'jurisdiction.children', j.parentId ?? 'root');
      await this.assertNameFree(m, j.parentId, name, j.id);
    }
    const aliases = cleanNames(patch.aliases ?? j.aliases, [name]);
    if (name === j.name && sameList(aliases, j.aliases)) return { before: null, after: j };
    await m.query('UPDATE jurisdiction SET name = $2, aliases = $3 WHERE id = $1', [j.id, name, aliases]);
    return { before, after: Object.assign(j, { name, aliases }) };
  }

  async find(m: EntityManager, id: string, lock = false): Promise<Jurisdiction> {
    const j = await m.getRepository(Jurisdiction).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!j) throw new NotFoundError('Jurisdiction', id);
    return j;
  }

  private async assertNameFree(m: EntityManager, parentId: string | null, name: string, self: string | null) {
    const clash: unknown[] = await m.query(
      `SELECT 1 FROM jurisdiction WHERE parent_id IS NOT DISTINCT FROM $1 AND name = $2
         AND id IS DISTINCT FROM $3 LIMIT 1`,
      [parentId, name, self],
    );
    if (clash.length) throw new ConflictError(`同一上级下已有「${name}」 (a sibling jurisdiction has that name)`);
  }
}

function stateOf(j: Jurisdiction) {
  return { key: j.key, name: j.name, level: j.level, parentId: j.parentId, aliases: j.aliases };
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
