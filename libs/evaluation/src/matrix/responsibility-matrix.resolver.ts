import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AccessScopeService, CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ALL_ROLES } from '../roles.js';
import { ResponsibilityMatrix } from './dtos/responsibility-matrix.type.js';
import { ResponsibilityMatrixService } from './responsibility-matrix.service.js';

@Resolver(() => ResponsibilityMatrix)
export class ResponsibilityMatrixResolver {
  constructor(
    private readonly matrices: ResponsibilityMatrixService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => ResponsibilityMatrix, {
    description: '责任矩阵: departments × measures of a plan. A liaison sees the measures its department is on.',
  })
  async responsibilityMatrix(
    @CurrentUser() caller: AuthUser,
    @Args('planId', { type: () => ID }) planId: string,
  ): Promise<ResponsibilityMatrix> {
    return this.matrices.matrix(await this.scopes.of(caller), planId);
  }
}
