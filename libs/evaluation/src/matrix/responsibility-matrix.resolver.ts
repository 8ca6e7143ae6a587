import { Args, ID, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '@app/common';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResponsibilityMatrix> {
    return this.matrices.matrix(scope, planId, { noticeNumbers: selectedFields(info, ['cells']).has('noticeNumber') });
  }
}
