import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { byKeys, groupByKeys, RequestLoaders } from '@app/common';
import type { DepartmentTarget, Registry } from '@app/importer';
import { Department } from './department.entity.js';
import { DepartmentFunction } from './department-function.entity.js';
import { Jurisdiction } from './jurisdiction.entity.js';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Jurisdiction) private readonly jurisdictions: Repository<Jurisdiction>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    private readonly loaders: RequestLoaders,
  ) {}

  listJurisdictions(ids?: string[]): Promise<Jurisdiction[]> {
    return this.jurisdictions.find({ where: ids ? { id: In(ids) } : {}, order: { level: 'ASC', name: 'ASC' } });
  }

  /** Live departments: those merged into another are history, reached through their tasks only. */
  listDepartments(jurisdictionIds?: string[]): Promise<Department[]> {
    return this.departments.find({
      where: { mergedIntoId: IsNull(), ...(jurisdictionIds ? { jurisdictionId: In(jurisdictionIds) } : {}) },
      order: { functionCode: 'ASC', name: 'ASC' },
    });
  }

  /** 待确认部门: departments the importer created for names it did not know, not yet confirmed or merged. */
  listProvisional(jurisdictionIds: string[] | null): Promise<Department[]> {
    return this.departments.find({
      where: {
        provisional: true,
        mergedIntoId: IsNull(),
        ...(jurisdictionIds ? { jurisdictionId: In(jurisdictionIds) } : {}),
      },
      order: { jurisdictionId: 'ASC', name: 'ASC' },
    });
  }

  listFunctions(): Promise<DepartmentFunction[]> {
    return this.dataSource.getRepository(DepartmentFunction).find({ order: { code: 'ASC' } });
  }

  findDepartment(id: string): Promise<Department | null> {
    return this.departments.findOneBy({ id });
  }

  findJurisdictionByKey(key: string): Promise<Jurisdiction | null> {
    return this.jurisdictions.findOneBy({ key });
  }

  jurisdictionLoader(request: object) {
    return this.loaders.get<string, Jurisdiction | null>(request, 'jurisdiction', async (ids) =>
      byKeys(ids, await this.jurisdictions.findBy({ id: In([...ids]) }), (j) => j.id),
    );
  }

  childrenLoader(request: object) {
    return this.loaders.get<string, Jurisdiction[]>(request, 'jurisdiction.children', async (ids) => {
      const rows = await this.jurisdictions.find({ where: { parentId: In([...ids]) }, order: { name: 'ASC' } });
      return groupByKeys(ids, rows, (j) => j.parentId!);
    });
  }

  departmentLoader(request: object) {
    return this.loaders.get<string, Department | null>(request, 'department', async (ids) =>
      byKeys(ids, await this.departments.findBy({ id: In([...ids]) }), (d) => d.id),
    );
  }

  /**
   * The registry as the importer sees it: every jurisdiction, function and live department, keyed.
   * Former names (a rename's, a merge's) are aliases, so documents using them resolve to the
   * department that answers for them now.
   */
  async registrySnapshot(manager: EntityManager = this.dataSource.manager): Promise<Registry> {
    const [jurisdictions, functions, departments] = await Promise.all([
      manager.query(
        `SELECT j.key, j.name, j.level, p.key AS "parentKey", j.aliases
         FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id ORDER BY j.key`,
      ),
      manager.getRepository(DepartmentFunction).find({ order: { code: 'ASC' } }),
      manager.query(
        `SELECT d.key, j.key AS "jurisdictionKey", d.function_code AS "functionCode", d.name,
                d.short_name AS "shortName", d.aliases || d.former_names AS aliases, d.provisional
         FROM department d JOIN jurisdiction j ON j.id = d.jurisdiction_id
         WHERE d.merged_into_id IS NULL ORDER BY d.key`,
      ),
    ]);
    return { jurisdictions, functions, departments };
  }

  /** The department of a function in a jurisdiction, created provisionally from the catalogue when missing. */
  async ensureFunctionDepartment(jurisdictionKey: string, functionCode: string): Promise<string> {
    const registry = await this.registrySnapshot();
    const key = `${jurisdictionKey}.${functionCode}`;
    const j = registry.jurisdictions.find((x) => x.key === jurisdictionKey);
    const fn = registry.functions.find((f) => f.code === functionCode);
    if (!j || !fn) throw new Error(`No jurisdiction ${jurisdictionKey} or function ${functionCode} in the registry`);
    const existing = registry.departments.find(
      (d) => d.jurisdictionKey === jurisdictionKey && d.functionCode === functionCode,
    );
    const target: DepartmentTarget = existing
      ? { kind: 'existing', departmentKey: existing.key }
      : {
          kind: 'provisional',
          departmentKey: key,
          jurisdictionKey,
          functionCode,
          name: fn.nameTemplate.replace('{j}', j.name),
          shortName: fn.shortTemplate.replace('{p}', levelPrefix(j.name)),
        };
    const ids = await this.dataSource.transaction((m) => this.ensureDepartments(m, [target]));
    return ids.get(target.departmentKey)!;
  }

  /**
   * Ids of the departments the importer named, creating the provisional ones (from the
   * function catalogue) that do not exist yet. Idempotent under concurrency (ON CONFLICT).
   */
  async ensureDepartments(manager: EntityManager, targets: DepartmentTarget[]): Promise<Map<string, string>> {
    const provisional = dedupe(targets.filter((t) => t.kind === 'provisional'));
    if (provisional.length) {
      await manager.query(
        `INSERT INTO department (key, jurisdiction_id, function_code, name, short_name, aliases, provisional)
         SELECT t.k, j.id, t.f, t.n, t.s, '{}', true
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(k, jk, f, n, s)
         JOIN jurisdiction j ON j.key = t.jk
         ON CONFLICT (key) DO NOTHING`,
        [
          provisional.map((t) => t.departmentKey),
          provisional.map((t) => t.jurisdictionKey),
          provisional.map((t) => t.functionCode),
          provisional.map((t) => t.name),
          provisional.map((t) => t.shortName),
        ],
      );
    }
    const keys = [...new Set(targets.map((t) => t.departmentKey))];
    // A key of a department merged away stands for the one it was merged into.
    const rows: { id: string; key: string }[] = await manager.query(
      'SELECT coalesce(merged_into_id, id) AS id, key FROM department WHERE key = ANY($1::text[])',
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }
}

/** The short prefix a jurisdiction's departments use for it: 市, 县, 区, 镇, 街道, 省. */
export function levelPrefix(jurisdictionName: string): string {
  return jurisdictionName.endsWith('街道') ? '街道' : jurisdictionName.slice(-1);
}

type ProvisionalTarget = Extract<DepartmentTarget, { kind: 'provisional' }>;

function dedupe(targets: DepartmentTarget[]): ProvisionalTarget[] {
  const byKey = new Map<string, ProvisionalTarget>();
  for (const t of targets) if (t.kind === 'provisional') byKey.set(t.departmentKey, t);
  return [...byKey.values()];
}
