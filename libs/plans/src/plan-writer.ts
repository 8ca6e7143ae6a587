import type { EntityManager } from 'typeorm';
import type { DepartmentsService } from '@app/departments';
import type { DepartmentTarget, DraftDocument, DraftMeasure, DraftPlan, Registry } from '@app/importer';
import { AssignmentSource } from './plan-enums.js';
import { Plan } from './plan.entity.js';

interface AssignmentRow {
  measureId: string;
  departmentKey: string;
  role: string;
  mentionedAs: string;
  explicit: boolean;
  fanOutOf: string | null;
  source: AssignmentSource;
}

/**
 * Saves a parsed draft inside the import transaction: plans, measures, assignments and
 * indicators with set-based inserts (a plan has hundreds of rows; one statement each kind).
 */
export class PlanWriter {
  constructor(
    private readonly m: EntityManager,
    private readonly departments: DepartmentsService,
    private readonly registry: Registry,
  ) {}

  /** `revises`: by the plan's index in the document, the published plan it is a draft revision of. */
  async write(
    documentId: string,
    draft: DraftDocument,
    jurisdictionIds: Map<string, string>,
    revises: Map<number, Plan> = new Map(),
  ): Promise<Plan[]> {
    const owners = draft.plans.map((p) => this.ownerOf(p));
    const targets = draft.plans.flatMap((p, i) => [
      ...p.measures.flatMap((mm) => mm.assignments.map((a) => a.target)),
      ...(owners[i] ? [owners[i]!] : []),
    ]);
    const departmentIds = await this.departments.ensureDepartments(this.m, targets);
    const plans: Plan[] = [];
    for (const [i, p] of draft.plans.entries()) {
      const owner = owners[i];
      const plan = await this.insertPlan(
        documentId,
        i,
        p,
        jurisdictionIds.get(p.jurisdictionKey)!,
        owner,
        departmentIds,
        revises.get(i) ?? null,
      );
      const measureIds = await this.insertMeasures(plan.id, p.measures);
      await this.insertAssignments(assignmentRows(p.measures, measureIds, owner), departmentIds);
      await this.insertIndicators(plan.id, p);
      plans.push(plan);
    }
    return plans;
  }

  /**
   * Who answers for measures that name no one: the drafting department, else the
   * jurisdiction's government — so every published measure has an owner.
   */
  private ownerOf(p: DraftPlan): DepartmentTarget | null {
    return p.leadDepartment ?? this.governmentOf(p.jurisdictionKey);
  }

  private governmentOf(jurisdictionKey: string): DepartmentTarget | null {
    const key = `${jurisdictionKey}.GOVERNMENT`;
    if (this.registry.departments.some((d) => d.key === key)) return { kind: 'existing', departmentKey: key };
    const fn = this.registry.functions.find((f) => f.code === 'GOVERNMENT');
    const j = this.registry.jurisdictions.find((x) => x.key === jurisdictionKey);
    if (!fn || !j) return null;
    const name = fn.nameTemplate.replace('{j}', j.name);
    return {
      kind: 'provisional',
      departmentKey: key,
      jurisdictionKey,
      functionCode: 'GOVERNMENT',
      name,
      shortName: name,
    };
  }

  private async insertPlan(
    documentId: string,
    ordinal: number,
    p: DraftPlan,
    jurisdictionId: string,
    owner: DepartmentTarget | null,
    departmentIds: Map<string, string>,
    revises: Plan | null,
  ): Promise<Plan> {
    const repo = this.m.getRepository(Plan);
    return repo.save(
      repo.create({
        documentId,
        ordinal,
        title: p.title,
        status: 'DRAFT' as Plan['status'],
        jurisdictionId,
        documentNumber: p.documentNumber,
        issuer: p.issuer,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        leadDepartmentId: owner ? (departmentIds.get(owner.departmentKey) ?? null) : null,
        sourceText: p.sourceText,
        startLine: p.startLine,
        endLine: p.endLine,
        outline: p.sections.map((s) => ({
          code: s.code,
          title: s.title,
          line: s.line,
          holdsMeasures: s.holdsMeasures,
        })),
        createdAt: new Date(),
        revisionOfId: revises?.id ?? null,
        // The number it will take when published.
        revision: revises ? revises.revision + 1 : 1,
      }),
    );
  }

  private async insertMeasures(planId: string, measures: DraftMeasure[]): Promise<string[]> {
    if (!measures.length) return [];
    const rows: { id: string; ordinal: number }[] = await this.m.query(
      `INSERT INTO measure (plan_id, ordinal, code, title, text, section_title, deadline, deadline_source, source_line)
       SELECT $1, o, c, t, x, s, d::date, ds, l
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
         AS u(o, c, t, x, s, d, ds, l)
       RETURNING id, ordinal`,
      [
        planId,
        measures.map((_, i) => i),
        measures.map((x) => x.code),
        measures.map((x) => x.title),
        measures.map((x) => x.text),
        measures.map((x) => x.sectionTitle),
        measures.map((x) => x.deadline),
        measures.map((x) => x.deadlineSource),
        measures.map((x) => x.line),
      ],
    );
    const ids: string[] = [];
    for (const r of rows) ids[r.ordinal] = r.id;
    return ids;
  }

  private async insertAssignments(rows: AssignmentRow[], departmentIds: Map<string, string>): Promise<void> {
    const resolved = rows.filter((r) => departmentIds.has(r.departmentKey));
    if (!resolved.length) return;
    await this.m.query(
      `INSERT INTO assignment (measure_id, department_id, role, mentioned_as, explicit, fan_out_of, source)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[])
       ON CONFLICT (measure_id, department_id) DO NOTHING`,
      [
        resolved.map((r) => r.measureId),
        resolved.map((r) => departmentIds.get(r.departmentKey)!),
        resolved.map((r) => r.role),
        resolved.map((r) => r.mentionedAs),
        resolved.map((r) => r.explicit),
        resolved.map((r) => r.fanOutOf),
        resolved.map((r) => r.source),
      ],
    );
  }

  private async insertIndicators(planId: string, p: DraftPlan): Promise<void> {
    const list = p.indicators;
    if (!list.length) return;
    await this.m.query(
      `INSERT INTO indicator (plan_id, ordinal, name, unit, category, baseline_year, baseline_value, targets, nature, source_line)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::jsonb[],
         $9::text[], $10::int[])`,
      [
        planId,
        list.map((_, i) => i),
        list.map((x) => x.name),
        list.map((x) => x.unit),
        list.map((x) => x.category),
        list.map((x) => x.baselineYear),
        list.map((x) => x.baselineValue),
        list.map((x) => JSON.stringify(x.targets)),
        list.map((x) => x.nature),
        list.map((x) => x.line),
      ],
    );
  }
}

/**
 * Explicit assignments first, so that where one department is named twice the explicit mention wins. A measure
 * naming no one gets the plan's owner as PLAN_DEFAULT, with no mentionedAs: the text names no one.
 */
function assignmentRows(
  measures: DraftMeasure[],
  measureIds: string[],
  owner: DepartmentTarget | null,
): AssignmentRow[] {
  return measures.flatMap((measure, i): AssignmentRow[] => {
    const listed = [...measure.assignments].sort((a, b) => Number(b.explicit) - Number(a.explicit));
    const rows = listed.map((a) => ({
      measureId: measureIds[i]!,
      departmentKey: a.target.departmentKey,
      role: a.role,
      mentionedAs: a.mentionedAs,
      explicit: a.explicit,
      fanOutOf: a.fanOutOf ?? null,
      source: AssignmentSource[a.source],
    }));
    if (rows.length || !owner) return rows;
    return [
      {
        measureId: measureIds[i]!,
        departmentKey: owner.departmentKey,
        role: 'LEAD',
        mentionedAs: '',
        explicit: false,
        fanOutOf: null,
        source: AssignmentSource.PLAN_DEFAULT,
      },
    ];
  });
}
