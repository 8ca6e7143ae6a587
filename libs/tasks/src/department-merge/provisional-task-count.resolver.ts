import { Injectable } from '@nestjs/common';
import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Req, Scope, type AccessScope } from '@app/auth';
import { RequestLoaders } from '@app/common';
import { ProvisionalDepartment } from '@app/departments';

/** Tasks per department, counted in the plans within a caller's reach. */
@Injectable()
export class DepartmentTaskCounts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
  ) {}

  loader(request: object, scope: AccessScope) {
    return this.loaders.get<string, number>(request, 'department.taskCount', async (ids) => {
      const rows: { department_id: string; n: number }[] = await this.dataSource.query(
        `SELECT t.department_id, count(*)::int AS n FROM task t JOIN plan p ON p.id = t.plan_id
         WHERE t.department_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR p.jurisdiction_id = ANY($2::uuid[]))
         GROUP BY t.department_id`,
        [ids, scope.jurisdictionIds],
      );
      const byId = new Map(rows.map((r) => [r.department_id, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    });
  }
}

/** ProvisionalDepartment.taskCount, scoped as provisionalDepartments is. */
@Resolver(() => ProvisionalDepartment)
export class ProvisionalTaskCountResolver {
  constructor(private readonly counts: DepartmentTaskCounts) {}

  @ResolveField(() => Int)
  async taskCount(
    @Parent() p: ProvisionalDepartment,
    @Scope() scope: AccessScope,
    @Req() req: object,
  ): Promise<number> {
    return this.counts.loader(req, scope).load(p.department.id);
  }
}
