import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope, UserStatusChannel } from '@app/auth';
import { BadInputError, DomainError } from '@app/common';
import { lockKey } from '@app/database';
import { Department } from '../department.entity.js';
import { Jurisdiction } from '../jurisdiction.entity.js';
import { DepartmentAdminService } from '../registry-admin/department-admin.service.js';
import { JurisdictionAdminService } from '../registry-admin/jurisdiction-admin.service.js';
import { validLevel } from '../registry-admin/registry-names.js';
import { readRegistrySheet, type RegistryRow } from './registry-sheet-reader.js';

export interface RegistryWarning {
  row: number;
  message: string;
}

export interface RegistryImportResult {
  jurisdictionsCreated: number;
  departmentsCreated: number;
  departmentsUpdated: number;
  warnings: RegistryWarning[];
}

/** A row that cannot be applied; the whole upload is refused, naming every such row. */
interface RowProblem {
  row: number;
  message: string;
}

/**
 * 登记表导入: jurisdictions matched by name under their parent, departments by name within their
 * jurisdiction; created when missing, updated when the row says more (a new short name, function or
 * alias; aliases are only ever added). All rows or none: the same services as the GraphQL mutations,
 * in one transaction that any bad row rolls back. A second upload of the same file finds everything
 * as it is and changes nothing.
 */
@Injectable()
export class RegistryImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
    private readonly accessChanges: UserStatusChannel,
    private readonly jurisdictions: JurisdictionAdminService,
    private readonly departments: DepartmentAdminService,
  ) {}

  async upload(scope: AccessScope, fileName: string, content: Buffer): Promise<RegistryImportResult> {
    const rows = await readRegistrySheet(fileName, content);
    const result = await this.dataSource.transaction(async (m) => {
      await lockKey(m, 'registry', 'import');
      const run = new RegistryUpload(m, scope, this.jurisdictions, this.departments);
      for (const row of rows) await run.apply(row);
      if (run.problems.length) throw refusal(run.problems);
      const figures = run.result();
      // The entry's entity is the upload itself: no row of the registry stands for a whole file.
      await this.audit.record(m, scope.user.id, 'registry.import', 'registry_upload', randomUUID(), null, {
        fileName,
        rows: rows.length,
        ...figures,
        warnings: figures.warnings.length,
      });
      return figures;
    });
    if (result.jurisdictionsCreated) await this.accessChanges.treeChanged();
    return result;
  }
}

/** One upload's state: what earlier rows created, the counts, the warnings and problems. */
class RegistryUpload {
  readonly problems: RowProblem[] = [];
  private readonly warnings: RegistryWarning[] = [];
  private readonly created = new Set<string>();
  private readonly updated = new Set<string>();
  private jurisdictionsCreated = 0;
  /** Jurisdictions by name, as this file named them: a later row may name one an earlier row made. */
  private readonly byName = new Map<string, Jurisdiction>();

  constructor(
    private readonly m: EntityManager,
    private readonly scope: AccessScope,
    private readonly jurisdictions: JurisdictionAdminService,
    private readonly departments: DepartmentAdminService,
  ) {}

  async apply(row: RegistryRow): Promise<void> {
    try {
      if (!row.jurisdiction) throw new BadInputError('未填行政区划 (行政区划 is required)');
      const jurisdiction = await this.jurisdiction(row);
      if (row.department || row.shortName || row.functionCode || row.departmentAliases.length)
        await this.department(row, jurisdiction);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.problems.push({ row: row.row, message: error.message });
    }
  }

  result(): RegistryImportResult {
    return {
      jurisdictionsCreated: this.jurisdictionsCreated,
      departmentsCreated: this.created.size,
      departmentsUpdated: [...this.updated].filter((id) => !this.created.has(id)).length,
      warnings: this.warnings,
    };
  }

  private async jurisdiction(row: RegistryRow): Promise<Jurisdiction> {
    const level = row.level ? validLevel(row.level) : null;
    const parent = row.parent ? await this.named(row.parent) : null;
    const existing = parent ? await this.childNamed(parent, row.jurisdiction) : await this.find(row.jurisdiction);
    if (!existing) {
      if (!level) throw new BadInputError('新的行政区划须填层级 (层级 is required for a new jurisdiction)');
      const j = await this.jurisdictions.createIn(this.m, this.scope, {
        name: row.jurisdiction,
        level,
        parentId: parent?.id ?? null,
        aliases: row.jurisdictionAliases,
      });
      this.jurisdictionsCreated++;
      this.byName.set(j.name, j);
      return j;
    }
    if (level && level !== existing.level)
      this.warn(row, `层级与已有的 ${existing.level} 不同，未修改 (level differs from the registry's, kept)`);
    const aliases = [...existing.aliases, ...row.jurisdictionAliases];
    const { after } = await this.jurisdictions.updateIn(this.m, this.scope, existing.id, { aliases });
    this.byName.set(after.name, after);
    return after;
  }

  private childNamed(parent: Jurisdiction, name: string): Promise<Jurisdiction | null> {
    return this.m.getRepository(Jurisdiction).findOneBy({ name, parentId: parent.id });
  }

  /** 上级行政区划: one this file named before, or the one jurisdiction of that name (or key). */
  private async named(name: string): Promise<Jurisdiction> {
    const found = await this.find(name);
    if (!found) throw new BadInputError(`上级行政区划「${name}」不存在 (no such parent jurisdiction)`);
    return found;
  }

  /**
   * A jurisdiction named without its parent: one this file named before, or the only one of that
   * name (or key). Without a parent a row never creates a second 滕州市 beside the registry's.
   */
  private async find(name: string): Promise<Jurisdiction | null> {
    const earlier = this.byName.get(name);
    if (earlier) return earlier;
    const found = await this.m.getRepository(Jurisdiction).find({ where: [{ name }, { key: name }], take: 2 });
    if (found.length > 1)
      throw new BadInputError(`行政区划「${name}」不止一个，请写明上级行政区划 (ambiguous name: give the parent)`);
    return found[0] ?? null;
  }

  private async department(row: RegistryRow, jurisdiction: Jurisdiction): Promise<void> {
    if (!row.department) throw new BadInputError('未填部门全称 (部门全称 is required)');
    const existing = await this.match(jurisdiction.id, row);
    if (!existing) {
      if (!row.functionCode) throw new BadInputError('新部门须填职能代码 (职能代码 is required for a new department)');
      if (!row.shortName) this.warn(row, '未填部门简称，以全称代替 (no short name: the full name is used)');
      const d = await this.departments.createIn(this.m, this.scope, {
        jurisdictionId: jurisdiction.id,
        name: row.department,
        shortName: row.shortName || row.department,
        functionCode: row.functionCode,
        aliases: row.departmentAliases,
      });
      this.created.add(d.id);
      return;
    }
    const { before } = await this.departments.updateIn(this.m, this.scope, existing.id, {
      name: row.department,
      shortName: row.shortName || null,
      functionCode: row.functionCode || null,
      aliases: [...existing.aliases, ...row.departmentAliases],
    });
    // A registry entry confirms a department an import created for a name it did not know.
    if (existing.provisional)
      await this.m.query('UPDATE department SET provisional = false WHERE id = $1', [existing.id]);
    if (before || existing.provisional) this.updated.add(existing.id);
  }

  /**
   * The live department the row means: the one of that full name, else the one that answers to the
   * row's full or short name (a provisional one the importer named as printed, or a former name).
   */
  private async match(jurisdictionId: string, row: RegistryRow): Promise<Department | null> {
    const rows: Department[] = await this.m
      .getRepository(Department)
      .createQueryBuilder('d')
      .where('d.jurisdiction_id = :jurisdictionId AND d.merged_into_id IS NULL', { jurisdictionId })
      .andWhere(
        `(d.name = :name OR :name = ANY(ARRAY[d.short_name] || d.aliases || d.former_names)
          OR (:short <> '' AND :short = ANY(ARRAY[d.name, d.short_name] || d.aliases)))`,
        { name: row.department, short: row.shortName },
      )
      .getMany();
    return rows.find((d) => d.name === row.department) ?? rows[0] ?? null;
  }

  private warn(row: RegistryRow, message: string): void {
    this.warnings.push({ row: row.row, message });
  }
}

function refusal(problems: RowProblem[]): BadInputError {
  const shown = problems
    .slice(0, 20)
    .map((p) => `第${p.row}行：${p.message}`)
    .join('；');
  const more = problems.length > 20 ? `；等 ${problems.length} 处` : '';
  return new BadInputError(`登记表有误，未保存任何内容 (registry rejected, nothing saved): ${shown}${more}`, {
    errors: problems,
  });
}
