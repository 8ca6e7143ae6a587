import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScopeService, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { ForbiddenError } from '@app/common';
import { Department } from '../department.entity.js';
import { DepartmentsService } from '../departments.service.js';
import { DepartmentInput, DepartmentPatch } from '../dtos/department.input.js';
import { JurisdictionInput, JurisdictionPatch } from '../dtos/jurisdiction.input.js';
import { Jurisdiction } from '../jurisdiction.entity.js';
import { DepartmentAdminService } from './department-admin.service.js';
import { DepartmentMergeService } from './department-merge.service.js';
import { JurisdictionAdminService } from './jurisdiction-admin.service.js';
import { DepartmentMergePreview, DepartmentMergeResult, ProvisionalDepartment } from './registry-admin.types.js';

/** Who administers the registry: ADMIN everywhere, a SUPERVISOR within its jurisdiction subtree. */
const REGISTRARS = [UserRole.ADMIN, UserRole.SUPERVISOR];

@Resolver()
export class RegistryAdminResolver {
  constructor(
    private readonly jurisdictions: JurisdictionAdminService,
    private readonly departments: DepartmentAdminService,
    private readonly merges: DepartmentMergeService,
    private readonly directory: DepartmentsService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(...REGISTRARS)
  @Mutation(() => Jurisdiction)
  async createJurisdiction(
    @Scope() scope: AccessScope,
    @Args('input') input: JurisdictionInput,
  ): Promise<Jurisdiction> {
    return this.jurisdictions.create(scope, input);
  }

  @Roles(...REGISTRARS)
  @Mutation(() => Jurisdiction)
  async updateJurisdiction(
    @Scope() scope: AccessScope,
    @Args('id', { type: () => ID }) id: string,
    @Args('patch') patch: JurisdictionPatch,
  ): Promise<Jurisdiction> {
    return this.jurisdictions.update(scope, id, patch);
  }

  @Roles(...REGISTRARS)
  @Mutation(() => Department)
  async createDepartment(@Scope() scope: AccessScope, @Args('input') input: DepartmentInput): Promise<Department> {
    return this.departments.create(scope, input);
  }

  @Roles(...REGISTRARS)
  @Mutation(() => Department)
  async updateDepartment(
    @Scope() scope: AccessScope,
    @Args('id', { type: () => ID }) id: string,
    @Args('patch') patch: DepartmentPatch,
  ): Promise<Department> {
    return this.departments.update(scope, id, patch);
  }

  @Roles(...REGISTRARS)
  @Mutation(() => Department, {
    description: 'A department the importer created for a name it did not know, confirmed as a real one.',
  })
  async confirmDepartment(
    @Scope() scope: AccessScope,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Department> {
    return this.departments.confirm(scope, id);
  }

  @Roles(...REGISTRARS)
  @Mutation(() => DepartmentMergeResult, { description: '机构改革: one department folded into another.' })
  async mergeDepartments(
    @Scope() scope: AccessScope,
    @Args('fromId', { type: () => ID }) fromId: string,
    @Args('intoId', { type: () => ID }) intoId: string,
  ): Promise<DepartmentMergeResult> {
    return this.merges.merge(scope, fromId, intoId);
  }

  @Roles(...REGISTRARS)
  @Query(() => DepartmentMergePreview)
  async previewDepartmentMerge(
    @Scope() scope: AccessScope,
    @Args('fromId', { type: () => ID }) fromId: string,
    @Args('intoId', { type: () => ID }) intoId: string,
  ): Promise<DepartmentMergePreview> {
    return this.merges.preview(scope, fromId, intoId);
  }

  @Roles(...REGISTRARS)
  @Query(() => [ProvisionalDepartment], {
    description: 'Departments created for names the registry did not know, awaiting confirmation or merging.',
  })
  async provisionalDepartments(
    @Scope() scope: AccessScope,
    @Args('jurisdictionId', { type: () => ID, nullable: true }) jurisdictionId?: string,
  ): Promise<ProvisionalDepartment[]> {
    if (jurisdictionId && !this.scopes.reaches(scope, jurisdictionId)) throw new ForbiddenError();
    const departments = await this.directory.listProvisional(jurisdictionId ? [jurisdictionId] : scope.jurisdictionIds);
    return departments.map((department) => ({ department }));
  }
}
