import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { CalendarDate } from '@app/common';
import { Department, DepartmentsService } from '@app/departments';
import { VIEWERS } from '../roles.js';
import { DepartmentScorecard } from './dtos/department-scorecard.type.js';
import { ScoringRulesInput } from './dtos/scoring-rules.input.js';
import { ScoringRules } from './dtos/scoring-rules.type.js';
import { ScorecardsService } from './scorecards.service.js';
import { ScoringRulesService } from './scoring-rules.service.js';

@Resolver(() => DepartmentScorecard)
export class ScorecardsResolver {
  constructor(
    private readonly scorecards: ScorecardsService,
    private readonly rules: ScoringRulesService,
    private readonly departments: DepartmentsService,
  ) {}

  @Roles(...VIEWERS)
  @Query(() => [DepartmentScorecard], {
    description: "League table of departments as of a date: in one plan, or across the caller's jurisdiction.",
  })
  async departmentScorecards(
    @Scope() scope: AccessScope,
    @Args('asOf', { type: () => CalendarDate }) asOf: string,
    @Args('planId', { type: () => ID, nullable: true }) planId?: string,
  ): Promise<DepartmentScorecard[]> {
    return this.scorecards.live(scope, planId ?? null, asOf);
  }

  @Roles(...VIEWERS)
  @Query(() => ScoringRules, { description: '考核规则 in force.' })
  scoringRules(): Promise<ScoringRules> {
    return this.rules.current();
  }

  @Roles(UserRole.ADMIN)
  @Mutation(() => ScoringRules, { description: 'Changes the scoring rules; earlier evaluations keep theirs.' })
  async updateScoringRules(
    @Scope() scope: AccessScope,
    @Args('input') input: ScoringRulesInput,
  ): Promise<ScoringRules> {
    return this.rules.update(scope, input);
  }

  @ResolveField(() => Department)
  async department(@Parent() card: DepartmentScorecard, @Req() req: object): Promise<Department> {
    return (await this.departments.departmentLoader(req).load(card.departmentId))!;
  }
}
