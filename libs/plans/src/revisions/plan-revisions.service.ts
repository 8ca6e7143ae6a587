import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { BadInputError, ConflictError, groupByKeys, NotFoundError, RequestLoaders } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { Assignment } from '../assignment.entity.js';
import { Measure } from '../measure.entity.js';
import { Plan } from '../plan.entity.js';
import { PlanStatus } from '../plan-enums.js';
import type { MeasureChange, PlanRevisionDiff } from './dtos/plan-revision-diff.type.js';
import type { PlanRevision } from './dtos/plan-revision.type.js';
import { MeasureMatch } from './measure-match.entity.js';
import { compareMeasures, type ComparedMeasure, type MeasurePair } from './revision-matcher.js';

/** A pair of the comparison with the measures as stored, for the diff and for publishing. */
export interface RevisionPair extends MeasurePair {
  before: (ComparedMeasure & { measure: Measure }) | null;
  after: (ComparedMeasure & { measure: Measure }) | null;
}

/**
 * 规划修订: a draft revision beside the published plan it revises, measure by measure, and the
 * office's corrections of how the measures were paired. Same access as plan review.
 */
@Injectable()
export class PlanRevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    private readonly loaders: RequestLoaders,
  ) {}

  async diff(scope: AccessScope, draftPlanId: string): Promise<PlanRevisionDiff> {
    const m = this.dataSource.manager;
    const { draft, published } = await this.revisionPlans(m, scope, draftPlanId);
    const pairs = await this.compare(m, published.id, draft.id);
    return { published, draft, changes: pairs.map(toChange) };
  }

  /**
   * Pairs the draft's measures with the published plan's current ones (dropped ones left out), the
   * office's corrections first. Publishing calls it inside its transaction.
   */
  async compare(m: EntityManager, publishedId: string, draftId: string): Promise<RevisionPair[]> {
    const [published, draft] = await Promise.all([
      this.comparedMeasures(m, publishedId, true),
      this.comparedMeasures(m, draftId, false),
    ]);
    const overrides: MatchOverrides = new Map();
    if (draft.length) {
      const rows = await m
        .getRepository(MeasureMatch)
        .createQueryBuilder('x')
        .where('x.draft_measure_id = ANY(:ids)', { ids: draft.map((d) => d.id) })
        .getMany();
      for (const r of rows) overrides.set(r.draftMeasureId, r.publishedMeasureId);
    }
    return compareMeasures(published, draft, overrides) as RevisionPair[];
  }

  /** Pairs a draft measure with a published one (or, with null, says it is new); the diff follows it. */
  setMatch(scope: AccessScope, draftMeasureId: string, publishedMeasureId: string | null): Promise<PlanRevisionDiff> {
    return this.dataSource
      .transaction(async (m) => {
        const { draft, published, measure } = await this.draftRevisionMeasure(m, scope, draftMeasureId);
        if (publishedMeasureId) {
          const target = await m.getRepository(Measure).findOneBy({ id: publishedMeasureId });
          if (!target || target.planId !== published.id || target.removedInRevision !== null)
            throw new BadInputError('该措施不属于被修订的规划 (measure is not in the plan this draft revises)', {
              publishedMeasureId,
            });
          const other = await m
            .getRepository(MeasureMatch)
            .createQueryBuilder('x')
            .innerJoin(Measure, 'dm', 'dm.id = x.draft_measure_id')
            .where('x.published_measure_id = :p AND dm.plan_id = :d AND x.draft_measure_id <> :me', {
              p: publishedMeasureId,
              d: draft.id,
              me: measure.id,
            })
            .getOne();
          if (other)
            throw new ConflictError('该措施已对应草案中的另一条措施 (published measure already matched by hand)', {
              draftMeasureId: other.draftMeasureId,
            });
        }
        const repo = m.getRepository(MeasureMatch);
        const before = await repo.findOneBy({ draftMeasureId });
        await repo.save(repo.create({ draftMeasureId, publishedMeasureId, setBy: scope.user.id, setAt: new Date() }));
        await this.audit.record(
          m,
          scope.user.id,
          'measure.match',
          'measure',
          draftMeasureId,
          before ? { publishedMeasureId: before.publishedMeasureId } : null,
          { publishedMeasureId },
        );
        return draft.id;
      })
      .then((draftId) => this.diff(scope, draftId));
  }

  /** Forgets the office's correction: the automatic pairing applies again. */
  resetMatch(scope: AccessScope, draftMeasureId: string): Promise<PlanRevisionDiff> {
    return this.dataSource
      .transaction(async (m) => {
        const { draft } = await this.draftRevisionMeasure(m, scope, draftMeasureId);
        const before = await m.getRepository(MeasureMatch).findOneBy({ draftMeasureId });
        if (before) {
          await m.getRepository(MeasureMatch).delete({ draftMeasureId });
          await this.audit.record(
            m,
            scope.user.id,
            'measure.match_reset',
            'measure',
            draftMeasureId,
            { publishedMeasureId: before.publishedMeasureId },
            null,
          );
        }
        return draft.id;
      })
      .then((draftId) => this.diff(scope, draftId));
  }

  /** Every published version of a plan, oldest first. */
  revisionsLoader(request: object) {
    return this.loaders.get<string, PlanRevision[]>(request, 'plan.revisions', async (planIds) => {
      const rows: (PlanRevision & { planId: string })[] = await this.dataSource.query(
        `SELECT r.plan_id AS "planId", r.revision, r.title, r.source_text AS "sourceText", d.file_name AS "fileName",
                r.published_by AS "publishedById", u.display_name AS "publishedBy", r.published_at AS "publishedAt",
                r.draft_plan_id AS "draftPlanId"
         FROM plan_revision r
         JOIN plan_document d ON d.id = r.document_id
         LEFT JOIN app_user u ON u.id = r.published_by
         WHERE r.plan_id = ANY($1::uuid[])
         ORDER BY r.revision`,
        [[...planIds]],
      );
      return groupByKeys(planIds, rows, (r) => r.planId);
    });
  }

  /** The draft revision and the plan it revises; only a draft revision has a diff. */
  private async revisionPlans(
    m: EntityManager,
    scope: AccessScope,
    draftPlanId: string,
  ): Promise<{ draft: Plan; published: Plan }> {
    const draft = await m.getRepository(Plan).findOneBy({ id: draftPlanId });
    if (!draft) throw new NotFoundError('Plan', draftPlanId);
    // Another jurisdiction's draft is refused as plan(id) and the review operations refuse it: FORBIDDEN.
    this.scopes.assertCanManageJurisdiction(scope, draft.jurisdictionId);
    if (!draft.revisionOfId)
      throw new BadInputError('该规划不是修订稿 (plan is not a draft revision of a published plan)', {
        planId: draftPlanId,
      });
    const published = await m.getRepository(Plan).findOneByOrFail({ id: draft.revisionOfId });
    return { draft, published };
  }

  private async draftRevisionMeasure(m: EntityManager, scope: AccessScope, draftMeasureId: string) {
    const measure = await m.getRepository(Measure).findOneBy({ id: draftMeasureId });
    if (!measure) throw new NotFoundError('Measure', draftMeasureId);
    const { draft, published } = await this.revisionPlans(m, scope, measure.planId);
    if (draft.status !== PlanStatus.DRAFT)
      throw new BadInputError('修订稿已发布，不能再修改对应关系 (revision already published)');
    return { draft, published, measure };
  }

  private async comparedMeasures(
    m: EntityManager,
    planId: string,
    currentOnly: boolean,
  ): Promise<(ComparedMeasure & { measure: Measure })[]> {
    const measures = await m.getRepository(Measure).find({
      where: currentOnly ? { planId, removedInRevision: IsNull() } : { planId },
      order: { ordinal: 'ASC' },
    });
    const assignments = measures.length
      ? await m
          .getRepository(Assignment)
          .createQueryBuilder('a')
          .where('a.measure_id = ANY(:ids)', { ids: measures.map((x) => x.id) })
          .getMany()
      : [];
    const byMeasure = groupByKeys(
      measures.map((x) => x.id),
      assignments,
      (a) => a.measureId,
    );
    return measures.map((x, i) => ({
      id: x.id,
      ordinal: x.ordinal,
      code: x.code,
      title: x.title,
      text: x.text,
      deadline: x.deadline,
      assignments: byMeasure[i]!.map((a) => ({ departmentId: a.departmentId, role: a.role })),
      measure: x,
    }));
  }
}

type MatchOverrides = Map<string, string | null>;

function toChange(pair: RevisionPair): MeasureChange {
  return {
    before: pair.before?.measure ?? null,
    after: pair.after?.measure ?? null,
    kinds: pair.kinds,
    matchedBy: pair.matchedBy,
    similarity: pair.similarity,
  };
}
