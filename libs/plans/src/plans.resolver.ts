import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Department, DepartmentsService, Jurisdiction } from '@app/departments';
import { ImportPlanDocumentInput } from './dtos/import-plan-document.input.js';
import { ImportResult } from './dtos/import-result.type.js';
import { ImportWarning } from './dtos/import-warning.type.js';
import { Indicator } from './indicator.entity.js';
import { Measure } from './measure.entity.js';
import { PlanImportService } from './plan-import.service.js';
import { Plan } from './plan.entity.js';
import { PlanStatus } from './plan-enums.js';
import { PlansService } from './plans.service.js';

const ALL_ROLES = Object.values(UserRole);

@Resolver(() => Plan)
export class PlansResolver {
  constructor(
    private readonly planReads: PlansService,
    private readonly importer: PlanImportService,
    private readonly departments: DepartmentsService,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => [Plan])
  async plans(
    @Scope() scope: AccessScope,
    @Args('status', { type: () => PlanStatus, nullable: true }) status?: PlanStatus,
  ): Promise<Plan[]> {
    return this.planReads.list(scope, status);
  }

  @Roles(...ALL_ROLES)
  @Query(() => Plan, { nullable: true })
  async plan(@Scope() scope: AccessScope, @Args('id', { type: () => ID }) id: string): Promise<Plan> {
    return this.planReads.get(scope, id);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => ImportResult, { description: 'Idempotent: the same text imported again returns the same plans.' })
  async importPlanDocument(
    @Scope() scope: AccessScope,
    @Args('input') input: ImportPlanDocumentInput,
  ): Promise<ImportResult> {
    return this.importer.import(scope, input);
  }

  @ResolveField(() => Jurisdiction)
  async jurisdiction(@Parent() plan: Plan, @Req() req: object): Promise<Jurisdiction> {
    return (await this.departments.jurisdictionLoader(req).load(plan.jurisdictionId))!;
  }

  @ResolveField(() => Department, { nullable: true, description: 'The department that drafted the plan (牵头起草).' })
  leadDepartment(@Parent() plan: Plan, @Req() req: object): Promise<Department | null> | null {
    return plan.leadDepartmentId ? this.departments.departmentLoader(req).load(plan.leadDepartmentId) : null;
  }

  @ResolveField(() => [Measure])
  measures(@Parent() plan: Plan, @Req() req: object): Promise<Measure[]> {
    return this.planReads.measuresOfPlanLoader(req).load(plan.id);
  }

  @ResolveField(() => [Indicator])
  indicators(@Parent() plan: Plan, @Req() req: object): Promise<Indicator[]> {
    return this.planReads.indicatorsOfPlanLoader(req).load(plan.id);
  }

  @ResolveField(() => [ImportWarning], { description: 'What the importer could not resolve within this plan.' })
  importWarnings(@Parent() plan: Plan): Promise<ImportWarning[]> {
    return this.planReads.warningsOfPlan(plan.id);
  }
}
