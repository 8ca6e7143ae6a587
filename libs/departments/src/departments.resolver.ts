import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, User, UserRole, type AccessScope } from '@app/auth';
import { Department } from './department.entity.js';
import { DepartmentFunction } from './department-function.entity.js';
import { DepartmentsService } from './departments.service.js';
import { Jurisdiction } from './jurisdiction.entity.js';

const ALL_ROLES = Object.values(UserRole);

@Resolver(() => Department)
export class DepartmentsResolver {
  constructor(private readonly directory: DepartmentsService) {}

  @Roles(...ALL_ROLES)
  @Query(() => [Department])
  async departments(
    @Scope() scope: AccessScope,
    @Args('jurisdictionId', { type: () => ID, nullable: true }) jurisdictionId?: string,
  ): Promise<Department[]> {
    const reach = scope.jurisdictionIds;
    if (jurisdictionId) {
      return reach === null || reach.includes(jurisdictionId) ? this.directory.listDepartments([jurisdictionId]) : [];
    }
    return this.directory.listDepartments(reach ?? undefined);
  }

  /** What a department's functionCode may be: the console's picker, in words. */
  @Roles(...ALL_ROLES)
  @Query(() => [DepartmentFunction], { description: '职能目录: the function catalogue departments are coded by.' })
  departmentFunctions(): Promise<DepartmentFunction[]> {
    return this.directory.listFunctions();
  }

  @ResolveField(() => Jurisdiction)
  async jurisdiction(@Parent() d: Department, @Req() req: object): Promise<Jurisdiction> {
    return (await this.directory.jurisdictionLoader(req).load(d.jurisdictionId))!;
  }
}

/** User.department and User.jurisdiction, which live in this module's tables. */
@Resolver(() => User)
export class UserPlacementResolver {
  constructor(private readonly departments: DepartmentsService) {}

  @ResolveField(() => Department, { nullable: true })
  department(@Parent() u: User, @Req() req: object): Promise<Department | null> | null {
    return u.departmentId ? this.departments.departmentLoader(req).load(u.departmentId) : null;
  }

  @ResolveField(() => Jurisdiction, { nullable: true })
  jurisdiction(@Parent() u: User, @Req() req: object): Promise<Jurisdiction | null> | null {
    return u.jurisdictionId ? this.departments.jurisdictionLoader(req).load(u.jurisdictionId) : null;
  }
}
