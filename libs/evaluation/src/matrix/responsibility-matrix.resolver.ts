import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scope, type AccessScope } from '@app/auth';
import { ALL_ROLES } from '../roles.js';
import { ResponsibilityMatrix } from './dtos/responsibility-matrix.type.js';
import { ResponsibilityMatrixService } from './responsibility-matrix.service.js';

@Resolver(() => ResponsibilityMatrix)
export class ResponsibilityMatrixResolver {
  constructor(private readonly matrices: ResponsibilityMatrixService) {}

  @Roles(...ALL_ROLES)
  @Query(() => ResponsibilityMatrix, {
    description: '责任矩阵: departments × measures of a plan. A liaison sees the measures its department is on.',
  })
  async responsibilityMatrix(
    @Scope() scope: AccessScope,
    @Args('planId', { type: () => ID }) planId: string,
  ): Promise<ResponsibilityMatrix> {
    return this.matrices.matrix(scope, planId);
  }
}
