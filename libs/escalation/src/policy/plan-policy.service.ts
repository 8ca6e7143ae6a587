import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ZodError } from 'zod';
import { BadInputError, ForbiddenError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { resolvePolicy, type EscalationPolicy } from '../ladder/escalation-policy.js';
import type { EscalationPolicyInput } from './dtos/escalation-policy.type.js';

/** A plan's own escalation policy (plan.escalation_policy: the fields it changes, null = default). */
@Injectable()
export class PlanPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  async get(scope: AccessScope, planId: string): Promise<EscalationPolicy> {
    const plan = await this.plan(this.dataSource.manager, planId);
    if (!this.scopes.reaches(scope, plan.jurisdiction_id))
      throw new ForbiddenError('该规划不在您的辖区内 (plan outside your jurisdiction)');
    return resolvePolicy(plan.escalation_policy);
  }

  /** Takes effect from the next sweep; levels already raised stay raised. */
  set(scope: AccessScope, planId: string, input: EscalationPolicyInput | null): Promise<EscalationPolicy> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.plan(m, planId, true);
      this.scopes.assertCanManageJurisdiction(scope, plan.jurisdiction_id);
      const stored = input
        ? Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined))
        : null;
      const policy = parse(stored);
      await m.query('UPDATE plan SET escalation_policy = $2 WHERE id = $1', [
        planId,
        stored ? JSON.stringify(stored) : null,
      ]);
      await this.audit.record(
        m,
        scope.user.id,
        'plan.escalationPolicy',
        'plan',
        planId,
        plan.escalation_policy,
        stored,
      );
      return policy;
    });
  }

  private async plan(m: EntityManager, id: string, lock = false) {
    const [plan]: { jurisdiction_id: string; escalation_policy: unknown }[] = await m.query(
      `SELECT jurisdiction_id, escalation_policy FROM plan WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!plan) throw new NotFoundError('Plan', id);
    return plan;
  }
}

function parse(stored: object | null): EscalationPolicy {
  try {
    return resolvePolicy(stored);
  } catch (error) {
    if (error instanceof ZodError)
      throw new BadInputError(
        `升级策略无效 (invalid policy): ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    throw error;
  }
}
