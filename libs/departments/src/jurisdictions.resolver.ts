import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Jurisdiction } from './jurisdiction.entity.js';
import { DepartmentsService } from './departments.service.js';

const ALL_ROLES = Object.values(UserRole);

@Resolver(() => Jurisdiction)
export class JurisdictionsResolver {
  constructor(private readonly departments: DepartmentsService) {}

  /** The jurisdictions within the caller's reach (all of them for ADMIN). */
  @Roles(...ALL_ROLES)
  @Query(() => [Jurisdiction])
  async jurisdictions(@Scope() scope: AccessScope): Promise<Jurisdiction[]> {
    return this.departments.listJurisdictions(scope.jurisdictionIds ?? undefined);
  }

  @ResolveField(() => Jurisdiction, { nullable: true })
  parent(@Parent() j: Jurisdiction, @Req() req: object): Promise<Jurisdiction | null> | null {
    return j.parentId ? this.departments.jurisdictionLoader(req).load(j.parentId) : null;
  }

  @ResolveField(() => [Jurisdiction])
  children(@Parent() j: Jurisdiction, @Req() req: object): Promise<Jurisdiction[]> {
    return this.departments.childrenLoader(req).load(j.id);
  }
}
