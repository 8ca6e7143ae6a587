import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { BadInputError, NotFoundError } from '@app/common';
import { PlanStatus } from './plan-enums.js';
import { Plan } from './plan.entity.js';

/**
 * 政务公开: the plan's office (ADMIN, or a SUPERVISOR whose jurisdiction reaches the plan's) decides
 * whether /public/plans/<id> shows it. Only a published plan has work to show: a draft's measures
 * are not yet anyone's tasks, so making one public is refused rather than showing an empty page.
 */
@Injectable()
export class PlanPublicityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  setPublicity(scope: AccessScope, planId: string, makePublic: boolean): Promise<Plan> {
    return this.dataSource.transaction(async (m) => {
      const plan = await m
        .getRepository(Plan)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :planId', { planId })
        .getOne();
      if (!plan) throw new NotFoundError('Plan', planId);
      this.scopes.assertCanManageJurisdiction(scope, plan.jurisdictionId);
      if (makePublic && plan.status !== PlanStatus.PUBLISHED)
        throw new BadInputError('只有已发布的规划可以公开 (only a published plan can be made public)', {
          status: plan.status,
        });
      if (plan.public === makePublic) return plan;
      await m.getRepository(Plan).update({ id: plan.id }, { public: makePublic });
      await this.audit.record(
        m,
        scope.user.id,
        'plan.publicity',
        'plan',
        plan.id,
        { public: plan.public },
        {
          public: makePublic,
        },
      );
      return { ...plan, public: makePublic };
    });
  }
}
