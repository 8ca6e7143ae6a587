import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Department, DepartmentsService } from '@app/departments';
import { Assignment } from './assignment.entity.js';
import { Measure } from './measure.entity.js';
import { Plan } from './plan.entity.js';
import { AssignmentRole } from './plan-enums.js';
import { PlanReviewService } from './plan-review.service.js';
import { PlansService } from './plans.service.js';

const REVIEWERS = [UserRole.ADMIN, UserRole.SUPERVISOR];

@Resolver(() => Measure)
export class MeasuresResolver {
  constructor(
    private readonly plans: PlansService,
    private readonly review: PlanReviewService,
  ) {}

  @Roles(...REVIEWERS)
  @Mutation(() => Measure, { description: 'Review of a draft: assign one more department to a measure.' })
  async addAssignment(
    @Scope() scope: AccessScope,
    @Args('measureId', { type: () => ID }) measureId: string,
    @Args('departmentId', { type: () => ID }) departmentId: string,
    @Args('role', { type: () => AssignmentRole }) role: AssignmentRole,
  ): Promise<Measure> {
    return this.review.addAssignment(scope, measureId, departmentId, role);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => Measure, { description: 'Review of a draft: take a department off a measure.' })
  async removeAssignment(
    @Scope() scope: AccessScope,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
  ): Promise<Measure> {
    return this.review.removeAssignment(scope, assignmentId);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => Measure, { description: 'Review of a draft: make a department lead, cooperating or responsible.' })
  async changeAssignmentRole(
    @Scope() scope: AccessScope,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
    @Args('role', { type: () => AssignmentRole }) role: AssignmentRole,
  ): Promise<Measure> {
    return this.review.changeAssignmentRole(scope, assignmentId, role);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => Measure, { description: "Review of a draft: set a measure's deadline." })
  async setMeasureDeadline(
    @Scope() scope: AccessScope,
    @Args('measureId', { type: () => ID }) measureId: string,
    @Args('deadline', { type: () => CalendarDate }) deadline: string,
  ): Promise<Measure> {
    return this.review.setDeadline(scope, measureId, deadline);
  }

  @ResolveField(() => Plan)
  async plan(@Parent() measure: Measure, @Req() req: object): Promise<Plan> {
    return (await this.plans.planLoader(req).load(measure.planId))!;
  }

  @ResolveField(() => [Assignment])
  assignments(@Parent() measure: Measure, @Req() req: object): Promise<Assignment[]> {
    return this.plans.assignmentsOfMeasureLoader(req).load(measure.id);
  }
}

@Resolver(() => Assignment)
export class AssignmentsResolver {
  constructor(private readonly departments: DepartmentsService) {}

  @ResolveField(() => Department)
  async department(@Parent() a: Assignment, @Req() req: object): Promise<Department> {
    return (await this.departments.departmentLoader(req).load(a.departmentId))!;
  }
}
