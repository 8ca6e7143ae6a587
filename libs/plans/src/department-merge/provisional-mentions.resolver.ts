import { Injectable } from '@nestjs/common';
import { Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Req, Scope, type AccessScope } from '@app/auth';
import { groupByKeys, RequestLoaders } from '@app/common';
import { ProvisionalDepartment } from '@app/departments';
import { AssignmentRole } from '../plan-enums.js';

/** Where a document named a provisional department: the plan, the measure and the role it was given. */
@ObjectType()
export class ProvisionalMention {
  @Field(() => ID)
  planId!: string;

  @Field()
  planTitle!: string;

  @Field(() => ID)
  measureId!: string;

  @Field()
  measureCode!: string;

  @Field()
  measureTitle!: string;

  @Field(() => AssignmentRole)
  role!: AssignmentRole;

  /** The words that named it, for mentionedAs. */
  mentionedAs!: string;

  departmentId!: string;
}

/** The assignments naming departments, in plans within a caller's reach. */
@Injectable()
export class DepartmentMentions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
  ) {}

  loader(request: object, scope: AccessScope) {
    return this.loaders.get<string, ProvisionalMention[]>(request, 'department.mentions', async (ids) => {
      const rows: ProvisionalMention[] = await this.dataSource.query(
        `SELECT a.department_id AS "departmentId", p.id AS "planId", p.title AS "planTitle", me.id AS "measureId",
                me.code AS "measureCode", me.title AS "measureTitle", a.role, a.mentioned_as AS "mentionedAs"
         FROM assignment a JOIN measure me ON me.id = a.measure_id JOIN plan p ON p.id = me.plan_id
         WHERE a.department_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR p.jurisdiction_id = ANY($2::uuid[]))
         ORDER BY p.created_at, p.id, me.ordinal`,
        [ids, scope.jurisdictionIds],
      );
      return groupByKeys(ids, rows, (r) => r.departmentId);
    });
  }
}

/** ProvisionalDepartment.mentions and .mentionedAs, scoped as provisionalDepartments is. */
@Resolver(() => ProvisionalDepartment)
export class ProvisionalMentionsResolver {
  constructor(private readonly named: DepartmentMentions) {}

  @ResolveField(() => [ProvisionalMention])
  async mentions(
    @Parent() p: ProvisionalDepartment,
    @Scope() scope: AccessScope,
    @Req() req: object,
  ): Promise<ProvisionalMention[]> {
    return this.named.loader(req, scope).load(p.department.id);
  }

  @ResolveField(() => [String], { description: 'How documents named it, e.g. 市科技和信息化局.' })
  async mentionedAs(
    @Parent() p: ProvisionalDepartment,
    @Scope() scope: AccessScope,
    @Req() req: object,
  ): Promise<string[]> {
    const mentions = await this.named.loader(req, scope).load(p.department.id);
    return [...new Set(mentions.map((m) => m.mentionedAs).filter(Boolean))];
  }
}
