import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { ProgressReport } from './progress-report.entity.js';
import { ReportPublicityService } from './report-publicity.service.js';

@Resolver(() => ProgressReport)
export class ReportPublicityResolver {
  constructor(private readonly publicity: ReportPublicityService) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => ProgressReport, {
    description: 'Lets the public page of a public plan show this report’s narrative (进展情况), nothing else of it.',
  })
  setProgressReportPublicity(
    @Scope() scope: AccessScope,
    @Args('reportId', { type: () => ID }) reportId: string,
    @Args('public') makePublic: boolean,
  ): Promise<ProgressReport> {
    return this.publicity.setPublicity(scope, reportId, makePublic);
  }
}
