import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { lockKey } from '@app/database';
import { DepartmentsService } from '@app/departments';
import { importDocument, ImportError, type DraftDocument, type ImportWarning, type Registry } from '@app/importer';
import { Plan } from './plan.entity.js';
import { PlanDocument } from './plan-document.entity.js';
import { PlanStatus } from './plan-enums.js';
import { PlanWriter } from './plan-writer.js';

/** Over this the text is refused before parsing: plan documents are tens of kilobytes. */
export const MAX_DOCUMENT_BYTES = 12 * 1024 * 1024;

export interface ImportPlanDocumentCommand {
  text: string;
  jurisdictionId?: string | null;
  fileName?: string | null;
  /** 规划修订: the published plan this document revises. */
  revisionOf?: string | null;
}

export interface ImportOutcome {
  plans: Plan[];
  warnings: string[];
}

/**
 * 导入: text → draft plans saved for review. The same text imported again (also by two
 * callers at once) returns the same plans: a document is found by its hash under a lock.
 * A plan whose title and jurisdiction are those of a published plan, or a document naming the plan
 * it revises (revisionOf), becomes a draft revision of it (修订稿) rather than a second plan.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly departments: DepartmentsService,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  async import(scope: AccessScope, command: ImportPlanDocumentCommand): Promise<ImportOutcome> {
    const text = command.text;
    if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES)
      throw new BadInputError(`文档超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB (document too large)`);
    const hash = createHash('sha256').update(text).digest('hex');
    const revised = command.revisionOf
      ? await this.revisedPlan(this.dataSource.manager, scope, command.revisionOf)
      : null;
    const existing = await this.findExisting(this.dataSource.manager, hash);
    if (existing) return this.authorised(scope, existing, revised);

    const jurisdictionKey = await this.jurisdictionKey(command.jurisdictionId ?? revised?.jurisdictionId);
    const registry = await this.departments.registrySnapshot();
    const draft = parse(text, registry, jurisdictionKey, command.fileName);
    if (revised && draft.plans.length !== 1)
      throw new BadInputError(
        `修订稿应只含一个规划，此文档含 ${draft.plans.length} 个 (a revision must hold exactly one plan)`,
      );
    const jurisdictionIds = await this.jurisdictionIds(draft);
    for (const id of jurisdictionIds.values()) this.scopes.assertCanManageJurisdiction(scope, id);

    return this.dataSource.transaction(async (m) => {
      await lockKey(m, 'plan-import', hash);
      const raced = await this.findExisting(m, hash);
      if (raced) return this.authorised(scope, raced, revised);
      const revises = await this.revisedPlans(m, draft, jurisdictionIds, revised);
      const document = await this.saveDocument(m, scope, command, hash, draft.warnings);
      const plans = await new PlanWriter(m, this.departments, registry).write(
        document.id,
        draft,
        jurisdictionIds,
        revises,
      );
      await this.audit.record(m, scope.user.id, 'plan.import', 'plan_document', document.id, null, {
        fileName: command.fileName ?? null,
        plans: plans.map((p) => ({ id: p.id, title: p.title, revisionOf: p.revisionOfId })),
        warnings: draft.warnings.length,
      });
      return { plans, warnings: draft.warnings.map(formatWarning) };
    });
  }

  /** The plan named by revisionOf: unknown and out-of-reach plans alike are not found; it must be published. */
  private async revisedPlan(m: EntityManager, scope: AccessScope, planId: string): Promise<Plan> {
    const plan = await m.getRepository(Plan).findOneBy({ id: planId });
    if (!plan || !this.scopes.reaches(scope, plan.jurisdictionId) || scope.departmentId)
      throw new NotFoundError('Plan', planId);
    this.scopes.assertCanManageJurisdiction(scope, plan.jurisdictionId);
    if (plan.status !== PlanStatus.PUBLISHED)
      throw new BadInputError(`只能修订已发布的规划，此规划为 ${plan.status} (revisionOf must name a published plan)`, {
        revisionOf: planId,
      });
    return plan;
  }

  /**
   * Which published plan each parsed plan revises (by its ordinal in the document): the one named, else
   * the latest published plan of the same title in the same jurisdiction.
   */
  private async revisedPlans(
    m: EntityManager,
    draft: DraftDocument,
    jurisdictionIds: Map<string, string>,
    named: Plan | null,
  ): Promise<Map<number, Plan>> {
    const revises = new Map<number, Plan>();
    if (named) {
      revises.set(0, named);
      return revises;
    }
    for (const [i, p] of draft.plans.entries()) {
      const same = await m.getRepository(Plan).findOne({
        where: {
          title: p.title,
          jurisdictionId: jurisdictionIds.get(p.jurisdictionKey)!,
          status: PlanStatus.PUBLISHED,
        },
        order: { publishedAt: 'DESC' },
      });
      if (same) revises.set(i, same);
    }
    return revises;
  }

  private authorised(scope: AccessScope, outcome: ImportOutcome, revised: Plan | null): ImportOutcome {
    for (const p of outcome.plans) this.scopes.assertCanManageJurisdiction(scope, p.jurisdictionId);
    // The same text again is the same import — unless it is now said to revise a plan it was not read for.
    if (revised && !outcome.plans.every((p) => p.revisionOfId === revised.id))
      throw new BadInputError(
        '此文本已导入，不是该规划的修订稿 (this text was already imported, not as a revision of that plan)',
        {
          plans: outcome.plans.map((p) => p.id),
        },
      );
    return outcome;
  }

  private async findExisting(m: EntityManager, hash: string): Promise<ImportOutcome | null> {
    const document = await m.getRepository(PlanDocument).findOneBy({ textHash: hash });
    if (!document) return null;
    // A plan revised since holds its latest document; an earlier version's text still finds it.
    const plans = await m
      .getRepository(Plan)
      .createQueryBuilder('p')
      .where('p.document_id = :d OR p.id IN (SELECT plan_id FROM plan_revision WHERE document_id = :d)', {
        d: document.id,
      })
      .orderBy('p.ordinal')
      .getMany();
    return { plans, warnings: document.warnings.map(formatWarning) };
  }

  private async jurisdictionKey(jurisdictionId: string | null | undefined): Promise<string | undefined> {
    if (!jurisdictionId) return undefined;
    const rows: { key: string }[] = await this.dataSource.query('SELECT key FROM jurisdiction WHERE id = $1', [
      jurisdictionId,
    ]);
    if (!rows[0]) throw new NotFoundError('Jurisdiction', jurisdictionId);
    return rows[0].key;
  }

  private async jurisdictionIds(draft: DraftDocument): Promise<Map<string, string>> {
    const keys = [...new Set(draft.plans.map((p) => p.jurisdictionKey))];
    const rows: { id: string; key: string }[] = await this.dataSource.query(
      'SELECT id, key FROM jurisdiction WHERE key = ANY($1::text[])',
      [keys],
    );
    const ids = new Map(rows.map((r) => [r.key, r.id]));
    const missing = keys.filter((k) => !ids.has(k));
    if (missing.length) throw new BadInputError(`未知辖区 (unknown jurisdiction): ${missing.join(', ')}`);
    return ids;
  }

  private async saveDocument(
    m: EntityManager,
    scope: AccessScope,
    command: ImportPlanDocumentCommand,
    hash: string,
    warnings: ImportWarning[],
  ): Promise<PlanDocument> {
    const repo = m.getRepository(PlanDocument);
    return repo.save(
      repo.create({
        textHash: hash,
        fileName: command.fileName ?? null,
        text: command.text,
        warnings,
        importedBy: scope.user.id,
        importedAt: new Date(),
      }),
    );
  }
}

function parse(text: string, registry: Registry, jurisdictionKey: string | undefined, fileName?: string | null) {
  try {
    return importDocument(text, { registry, jurisdictionKey, fileName: fileName ?? undefined });
  } catch (error) {
    if (error instanceof ImportError) throw new BadInputError(error.message, { reason: error.reason });
    throw error;
  }
}

export function formatWarning(w: ImportWarning): string {
  return `第${w.line}行: ${w.message}${w.excerpt ? ` — ${w.excerpt}` : ''}`;
}
