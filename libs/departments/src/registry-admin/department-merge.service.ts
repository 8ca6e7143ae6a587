import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  AccessScopeService,
  countDepartmentUsers,
  moveDepartmentUsers,
  UserStatusChannel,
  type AccessScope,
} from '@app/auth';
import { BadInputError, NotFoundError } from '@app/common';
import { Department } from '../department.entity.js';
import { DepartmentMergeParticipants } from './department-merge-participants.js';
import type { DepartmentMergePreview, DepartmentMergeResult } from './registry-admin.types.js';
import { cleanNames } from './registry-names.js';

/**
 * 机构改革: one department folded into another of the same jurisdiction. Open tasks, users and
 * draft assignments move (through the participants of the libs that own them); closed tasks keep the
 * department that did them, so past scorecards stay true. The department merged away remains, marked
 * merged, and its names become former names of the one that remains, where the importer finds them.
 */
@Injectable()
export class DepartmentMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
    private readonly participants: DepartmentMergeParticipants,
    private readonly userStatus: UserStatusChannel,
  ) {}

  preview(scope: AccessScope, fromId: string, intoId: string): Promise<DepartmentMergePreview> {
    return this.dataSource.transaction(async (m) => {
      const { from, into } = await this.pair(m, scope, fromId, intoId, 'pessimistic_read');
      const figures = await this.participants.run(m, 'preview', fromId, intoId, scope.user.id);
      const usersMoved = await countDepartmentUsers(m, fromId);
      return { from, into, ...figures, usersMoved, aliasesAdded: namesAdded(from, into) };
    });
  }

  async merge(scope: AccessScope, fromId: string, intoId: string): Promise<DepartmentMergeResult> {
    const { result, movedUsers } = await this.dataSource.transaction(async (m) => {
      const { from, into } = await this.pair(m, scope, fromId, intoId, 'pessimistic_write');
      const figures = await this.participants.run(m, 'apply', fromId, intoId, scope.user.id);
      const movedUsers = await moveDepartmentUsers(m, fromId, intoId);
      const usersMoved = movedUsers.length;
      const added = namesAdded(from, into);
      const formerNames = [...into.formerNames, ...added];
      await m.query('UPDATE department SET former_names = $2 WHERE id = $1', [intoId, formerNames]);
      // Earlier merges into `from` now point at `into`: one hop from any merged name to a live department.
      await m.query('UPDATE department SET merged_into_id = $2 WHERE id = $1 OR merged_into_id = $1', [fromId, intoId]);
      await this.audit.record(
        m,
        scope.user.id,
        'department.merge',
        'department',
        intoId,
        { from: { id: from.id, key: from.key, name: from.name }, formerNames: into.formerNames },
        { ...figures, usersMoved, formerNames },
      );
      const result = { department: Object.assign(into, { formerNames }), tasksMoved: figures.tasksMoved, usersMoved };
      return { result, movedUsers };
    });
    // Their old tokens name the old department: refused from now on, in every API process.
    for (const id of movedUsers) await this.userStatus.changed(id);
    return result;
  }

  /**
   * Both departments, locked in id order (two merges of the same pair never deadlock), checked. A
   * preview shares the lock: it waits for a merge under way but does not hold back another preview.
   */
  private async pair(
    m: EntityManager,
    scope: AccessScope,
    fromId: string,
    intoId: string,
    lock: 'pessimistic_read' | 'pessimistic_write',
  ) {
    if (fromId === intoId) throw new BadInputError('不能把部门合并到它自己 (cannot merge a department into itself)');
    const rows = await m
      .getRepository(Department)
      .createQueryBuilder('d')
      .where('d.id IN (:...ids)', { ids: [fromId, intoId] })
      .orderBy('d.id')
      .setLock(lock)
      .getMany();
    const from = rows.find((d) => d.id === fromId);
    const into = rows.find((d) => d.id === intoId);
    if (!from) throw new NotFoundError('Department', fromId);
    if (!into) throw new NotFoundError('Department', intoId);
    this.scopes.assertCanManageJurisdiction(scope, from.jurisdictionId);
    this.scopes.assertCanManageJurisdiction(scope, into.jurisdictionId);
    if (from.jurisdictionId !== into.jurisdictionId)
      throw new BadInputError('只能合并同一行政区划的部门 (departments of different jurisdictions)');
    if (from.mergedIntoId || into.mergedIntoId)
      throw new BadInputError('部门已被合并 (a department that was already merged)');
    return { from, into };
  }
}

/** The names of `from` that `into` does not answer to yet. */
function namesAdded(from: Department, into: Department): string[] {
  return cleanNames(
    [from.name, from.shortName, ...from.aliases, ...from.formerNames],
    [into.name, into.shortName, ...into.aliases, ...into.formerNames],
  );
}
