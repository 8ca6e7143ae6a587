import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScopeService, CurrentUser, Req, Roles, UserRole, type AuthUser } from '@app/auth';
import { Jurisdiction } from './jurisdiction.entity.js';
import { DepartmentsService } from './departments.service.js';

const ALL_ROLES = Object.values(UserRole);

@Resolver(() => Jurisdiction)
export class JurisdictionsResolver {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly scopes: AccessScopeService,
  ) {}

  /** The jurisdictions within the caller's reach (all of them for ADMIN). */
  @Roles(...ALL_ROLES)
  @Query(() => [Jurisdiction])
  async jurisdictions(@CurrentUser() caller: AuthUser): Promise<Jurisdiction[]> {
    const scope = await this.scopes.of(caller);
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
