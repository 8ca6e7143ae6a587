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
import { PlanWriter } from './plan-writer.js';

/** Over this the text is refused before parsing: plan documents are tens of kilobytes. */
export const MAX_DOCUMENT_BYTES = 12 * 1024 * 1024;

export interface ImportPlanDocumentCommand {
  text: string;
  jurisdictionId?: string | null;
  fileName?: string | null;
}

export interface ImportOutcome {
  plans: Plan[];
  warnings: string[];
}

/**
 * 导入: text → draft plans saved for review. The same text imported again (also by two
 * callers at once) returns the same plans: a document is found by its hash under a lock.
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
    const existing = await this.findExisting(this.dataSource.manager, hash);
    if (existing) return this.authorised(scope, existing);

    const jurisdictionKey = await this.jurisdictionKey(command.jurisdictionId);
    const registry = await this.departments.registrySnapshot();
    const draft = parse(text, registry, jurisdictionKey, command.fileName);
    const jurisdictionIds = await this.jurisdictionIds(draft);
    for (const id of jurisdictionIds.values()) this.scopes.assertCanManageJurisdiction(scope, id);

    return this.dataSource.transaction(async (m) => {
      await lockKey(m, 'plan-import', hash);
      const raced = await this.findExisting(m, hash);
      if (raced) return raced;
      const document = await this.saveDocument(m, scope, command, hash, draft.warnings);
      const plans = await new PlanWriter(m, this.departments, registry).write(document.id, draft, jurisdictionIds);
      await this.audit.record(m, scope.user.id, 'plan.import', 'plan_document', document.id, null, {
        fileName: command.fileName ?? null,
        plans: plans.map((p) => ({ id: p.id, title: p.title })),
        warnings: draft.warnings.length,
      });
      return { plans, warnings: draft.warnings.map(formatWarning) };
    });
  }

  private authorised(scope: AccessScope, outcome: ImportOutcome): ImportOutcome {
    for (const p of outcome.plans) this.scopes.assertCanManageJurisdiction(scope, p.jurisdictionId);
    return outcome;
  }

  private async findExisting(m: EntityManager, hash: string): Promise<ImportOutcome | null> {
    const document = await m.getRepository(PlanDocument).findOneBy({ textHash: hash });
    if (!document) return null;
    const plans = await m.getRepository(Plan).find({ where: { documentId: document.id }, order: { ordinal: 'ASC' } });
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
