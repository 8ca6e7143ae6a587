// Types of the plan importer: text in, structured draft out. Pure data, no Nest, no database.

export type AssignmentRole = 'LEAD' | 'COOPERATING' | 'RESPONSIBLE';
/**
 * How the importer found an assignment: an explicit list (LIST), an actor named in prose (PROSE), or one child
 * government of a collective such as 各区县政府 (FAN_OUT). The plans service adds PLAN_DEFAULT, never the importer.
 */
export type DraftAssignmentSource = 'LIST' | 'PROSE' | 'FAN_OUT';
export type IndicatorNature = 'EXPECTED' | 'BINDING';
export type JurisdictionLevel = 'NATION' | 'PROVINCE' | 'CITY' | 'COUNTY' | 'DISTRICT' | 'TOWNSHIP';

/** One jurisdiction (行政区划) of the registry. `key` is stable across databases. */
export interface JurisdictionEntry {
  key: string;
  name: string; // 滕州市
  level: JurisdictionLevel;
  parentKey: string | null;
  aliases: string[]; // 滕州; for Traditional/short forms
  /** 简称 that opens its document numbers: 滕 (滕政办发), 渝 (渝府办发), 国 (国发). */
  abbreviation?: string;
}

/** A function of the national catalogue (HEALTH, PUBLIC_SECURITY …) with the name patterns that reveal it. */
export interface FunctionEntry {
  code: string;
  name: string; // 卫生健康
  /** Core words found in department names or prose, longest first when matching: 卫生健康委, 卫健委, 卫计局, 卫生计生 … */
  patterns: string[];
  /** National-level names (国家卫生健康委员会, 国家卫生健康委, 卫生健康委): resolve under NATION. */
  nationalNames: string[];
  /** How to name a provisional department of this function in a jurisdiction: `{j}公安局` → 滕州市公安局 */
  nameTemplate: string;
  /** Short form: `{p}公安局` where {p} is 市/县/区/省/镇 … */
  shortTemplate: string;
}

/** A department of one jurisdiction. `key` is stable: `<jurisdictionKey>.<functionCode>` unless two share a function. */
export interface DepartmentEntry {
  key: string;
  jurisdictionKey: string;
  functionCode: string;
  name: string; // 滕州市卫生健康局
  shortName: string; // 市卫健局
  aliases: string[]; // 市卫计局, 市卫生和计划生育局, 卫生计生部门 …
  provisional?: boolean;
}

export interface Registry {
  jurisdictions: JurisdictionEntry[];
  functions: FunctionEntry[];
  departments: DepartmentEntry[];
}

/** Where a mention of a department points. */
export type DepartmentTarget =
  | { kind: 'existing'; departmentKey: string }
  /**
   * Not in the registry: a department to create, marked provisional for review (待确认部门). Either one of the
   * catalogue (key `<jurisdiction>.<function>`, named from its template) or a unit named in a list that fits no
   * function (key `<jurisdiction>.~<name as printed>`, function guessed or OTHER).
   */
  | {
      kind: 'provisional';
      departmentKey: string;
      jurisdictionKey: string;
      functionCode: string;
      name: string;
      shortName: string;
    };

export interface DraftAssignment {
  role: AssignmentRole;
  /** The words of the source that named it: 市卫计局, 公安部门, 各区县政府 */
  mentionedAs: string;
  /** true for （…牵头，…配合）, （…负责）, （责任单位：…）, table columns; false for actors in prose. */
  explicit: boolean;
  target: DepartmentTarget;
  /** Set when the assignment came from a collective (各区县政府): the child government it fanned out to. */
  fanOutOf?: string;
  source: DraftAssignmentSource;
}

export interface ImportWarning {
  /** 1-based line of the original text. */
  line: number;
  message: string;
  /** The source line (trimmed, at most 120 chars). */
  excerpt: string;
}

export interface DraftMeasure {
  /** Position in the plan's outline, e.g. 三.（一）.1 */
  code: string;
  /** Heading, or text up to the first 。 */
  title: string;
  /** Full text as printed (normalised whitespace, original characters). */
  text: string;
  sectionTitle: string | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  /** How the deadline was found: 'text' (到2020年 …) or 'plan-end' (none named: the plan's last year). */
  deadlineSource: 'text' | 'plan-end' | 'none';
  /** 1-based first line of the measure in the original text. */
  line: number;
  assignments: DraftAssignment[];
}

export interface DraftSection {
  code: string;
  title: string;
  line: number;
  /** Whether its items are measures (task chapters) or not (background, goals, guarantees …). */
  holdsMeasures: boolean;
}

export interface DraftIndicatorTarget {
  year: number;
  /** As printed: ≥70, 下降5%, 5—10 */
  value: string;
}

export interface DraftIndicator {
  name: string;
  unit: string | null;
  category: string | null;
  baselineYear: number | null;
  baselineValue: string | null;
  targets: DraftIndicatorTarget[];
  nature: IndicatorNature | null;
  line: number;
}

export interface DraftPlan {
  title: string;
  documentNumber: string | null; // 滕政办发〔2017〕174号
  issuer: string | null; // 滕州市人民政府办公室
  periodStart: number | null;
  periodEnd: number | null;
  jurisdictionKey: string;
  /** The department that drafted it (关于转发市卫计局等部门… → 市卫计局); owner of measures that name no one. */
  leadDepartment: DepartmentTarget | null;
  /** Source text of this plan (a slice of the document), original characters. */
  sourceText: string;
  startLine: number;
  endLine: number;
  sections: DraftSection[];
  measures: DraftMeasure[];
  indicators: DraftIndicator[];
}

export interface ImportOptions {
  registry: Registry;
  /** When given, the plans belong to it; otherwise inferred from the document. */
  jurisdictionKey?: string;
  fileName?: string;
}

export interface DraftDocument {
  plans: DraftPlan[];
  warnings: ImportWarning[];
}

/** Thrown for input that cannot be a plan: empty, binary, noise, no measures, no jurisdiction. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly reason: 'EMPTY' | 'BINARY' | 'NOT_A_PLAN' | 'NO_MEASURES' | 'NO_JURISDICTION' | 'TOO_LARGE',
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
