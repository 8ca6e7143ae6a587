// Assignments of one measure: explicit lists first, then actors named in its prose.
import type { SourceLine } from '../normalise.js';
import type { MentionResolution } from '../resolve/index.js';
import type { AssignmentRole, DepartmentTarget, DraftAssignment, ImportWarning } from '../types.js';
import { LEAD_RULE, parseAssignmentList, type AssignmentList, type ListedUnit } from './explicit-list.js';
import { parentheticals } from './parentheticals.js';
import type { ActorFinder } from './prose-actors.js';

const OWN_GOVERNMENT = /^[^各].*政府/;

export type ResolveMention = (mention: string) => MentionResolution;
/** The provisional department (待确认部门) a listed name that resolves to nothing is kept as; null when it is no name. */
export type KeepUnit = (name: string) => DepartmentTarget | null;
// Where a name that resolves to nothing may be split at 和: each part ends as units' names do.
const UNIT_END = /(?:局|委|办|厅|部|会|院|室|所|中心|处|署|联|团|队|政府)$/;

export function excerpt(line: SourceLine): string {
  return line.original.trim().slice(0, 120);
}

function warning(line: SourceLine, message: string): ImportWarning {
  return { line: line.no, message, excerpt: excerpt(line) };
}

export function collectiveWarning(line: SourceLine, words: string, reason = words): ImportWarning {
  return warning(line, `集体称谓「${words}」未分配到具体部门 (collective: ${reason})`);
}

function keyOf(a: DraftAssignment): string {
  return `${a.target.departmentKey}|${a.fanOutOf ?? ''}`;
}

/** The first line stating that the first unit of a 负责 list leads (下同), or null. */
export function leadRuleLine(lines: SourceLine[]): number | null {
  return lines.find((l) => LEAD_RULE.test(l.text))?.no ?? null;
}

export interface MeasureAssignments {
  assignments: DraftAssignment[];
  warnings: ImportWarning[];
}

/** The department of a function the registry lacks, named from the catalogue (key `<jurisdiction>.<function>`). */
function isFunctionPlaceholder(target: DepartmentTarget): boolean {
  return target.kind === 'provisional' && target.departmentKey === `${target.jurisdictionKey}.${target.functionCode}`;
}

/** Reads the assignments of measures of one plan, in document order. */
export class Assigner {
  /** Provisional units already announced by a warning in this plan. */
  private readonly kept = new Set<string>();
  /** Printed names kept apart from the placeholder of their function in this plan (see keepApart). */
  private readonly apart = new Set<string>();

  constructor(
    private readonly resolve: ResolveMention,
    private readonly keep: KeepUnit,
    private readonly actors: ActorFinder | null,
    /** From this line on, 负责 lists name their lead first. */
    private readonly leadRuleFrom: number | null,
  ) {}

  /**
   * Reads every list of the plan before its measures, so that a name kept apart in a later list (keepApart) is kept
   * apart in the measures before it too: one printed name is one department throughout the plan.
   */
  learnLists(lines: SourceLine[]): void {
    for (const line of lines) for (const list of this.listsOf(line)) this.keepApart(list.units);
  }

  assign(lines: SourceLine[]): MeasureAssignments {
    const out: MeasureAssignments = { assignments: [], warnings: [] };
    for (const line of lines) this.readExplicit(line, out);
    const explicit = new Set(out.assignments.map(keyOf));
    for (const line of lines) this.readProse(line, explicit, out);
    return out;
  }

  /** Units named by a table's columns (牵头单位, 配合单位): all explicit. */
  assignUnits(units: ListedUnit[], line: SourceLine): MeasureAssignments {
    const out: MeasureAssignments = { assignments: [], warnings: [] };
    this.keepApart(units);
    for (const unit of units) this.add(unit, line, out);
    return out;
  }

  private listsOf(line: SourceLine): AssignmentList[] {
    const leadRule = this.leadRuleFrom !== null && line.no >= this.leadRuleFrom;
    return parentheticals(line.text).flatMap((group) => parseAssignmentList(group.content, leadRule) ?? []);
  }

  private readExplicit(line: SourceLine, out: MeasureAssignments): void {
    for (const list of this.listsOf(line)) {
      this.keepApart(list.units);
      for (const unit of list.units) this.add(unit, line, out);
      for (const words of list.collectives) out.warnings.push(collectiveWarning(line, words));
    }
  }

  /**
   * Two printed names of one list that resolve to the one placeholder of a function the registry lacks (市国税局 and
   * 市地税局 → the city's TAXATION department) are two units: a list does not name a unit twice. The first name of
   * the plan keeps the placeholder; any other becomes a provisional unit under its printed name (待确认部门
   * 市地税局, function guessed from its words), so that both keep their assignment and a reviewer merges them if they
   * are one. Only within one list: across lists two printed forms (市发改委, 市发展改革委) may well be one unit. A
   * department the registry has (its names and aliases) is left alone: the registry says what it answers to.
   */
  private keepApart(units: ListedUnit[]): void {
    const holders = new Map<string, string>();
    for (const { name } of units) {
      const resolution = this.resolve(name);
      if (this.apart.has(name) || resolution.kind !== 'department' || !isFunctionPlaceholder(resolution.target))
        continue;
      const holder = holders.get(resolution.target.departmentKey);
      if (holder === undefined) holders.set(resolution.target.departmentKey, name);
      else if (holder !== name && this.keep(name)) this.apart.add(name);
    }
  }

  private readProse(line: SourceLine, explicit: Set<string>, out: MeasureAssignments): void {
    if (!this.actors) return;
    for (const mention of this.actors.actors(withoutLists(line.text))) {
      const resolution = this.resolve(mention);
      if (resolution.kind === 'collective' || resolution.kind === 'unknown') continue;
      // 市政府将… is the plan's own government speaking, not a department taking on the measure; 县政府 in a
      // city's plan fans out to the counties and stays.
      if (resolution.kind === 'department' && OWN_GOVERNMENT.test(mention)) continue;
      for (const a of toAssignments(mention, resolution, 'RESPONSIBLE', 'PROSE')) {
        if (explicit.has(keyOf(a)) || out.assignments.some((b) => keyOf(b) === keyOf(a))) continue;
        out.assignments.push(a);
      }
    }
  }

  /**
   * An explicitly listed unit: its department(s), one per child government, a collective warning, or — named but
   * in no registry — a provisional department with the role the list gives it, announced once per plan. Its
   * mentionedAs is what the list prints for it (各区、县级市 for 各县级市), or the part of it split at 和.
   */
  private add(unit: ListedUnit, line: SourceLine, out: MeasureAssignments): void {
    const { name, role } = unit;
    for (const [part, resolution] of this.resolveName(name)) {
      const mention = part === name ? (unit.printedAs ?? name) : part;
      if (resolution.kind === 'collective') {
        // 各有关区、县级市: both parts are one collective the list prints, warned once.
        const said = out.warnings.some((w) => w.line === line.no && w.message.startsWith(`集体称谓「${mention}」`));
        if (!said) out.warnings.push(collectiveWarning(line, mention, resolution.reason));
      } else if (resolution.kind === 'unknown' || this.apart.has(part)) {
        this.keepUnit(part, role, line, out);
      } else {
        for (const a of toAssignments(mention, resolution, role, 'LIST')) push(out, a);
      }
    }
  }

  private keepUnit(mention: string, role: AssignmentRole, line: SourceLine, out: MeasureAssignments): void {
    const target = this.keep(mention);
    if (!target) {
      out.warnings.push(warning(line, `未能识别的部门「${mention}」 (unknown department: ${mention})`));
      return;
    }
    push(out, { role, mentionedAs: mention, explicit: true, target, source: 'LIST' });
    if (this.kept.has(target.departmentKey)) return;
    this.kept.add(target.departmentKey);
    out.warnings.push(
      warning(
        line,
        `「${mention}」不在部门登记表中，已作为待确认部门保留 (not in the registry: kept as a provisional department for review)`,
      ),
    );
  }

  /**
   * 市卫计局 as a whole; 教育局和民政局 split at 和 when the whole resolves to nothing and every part is a known
   * department or at least reads as a unit's name (市委办公厅和市政府办公厅).
   */
  private resolveName(name: string): [string, MentionResolution][] {
    const whole = this.resolve(name);
    if (whole.kind !== 'unknown' || !/[和及与]/.test(name)) return [[name, whole]];
    const parts = name.split(/[和及与]/).filter(Boolean);
    const resolved = parts.map((p): [string, MentionResolution] => [p, this.resolve(p)]);
    const known = resolved.every(([, r]) => r.kind !== 'unknown');
    const units = parts.length > 1 && parts.every((p) => p.length >= 3 && UNIT_END.test(p));
    return known || units ? resolved : [[name, whole]];
  }
}

function push(out: MeasureAssignments, a: DraftAssignment): void {
  if (!out.assignments.some((b) => keyOf(b) === keyOf(a) && b.role === a.role)) out.assignments.push(a);
}

function toAssignments(
  mention: string,
  resolution: MentionResolution,
  role: AssignmentRole,
  source: 'LIST' | 'PROSE',
): DraftAssignment[] {
  const explicit = source === 'LIST';
  if (resolution.kind === 'department')
    return [{ role, mentionedAs: mention, explicit, target: resolution.target, source }];
  if (resolution.kind === 'merged')
    return resolution.targets.map((target) => ({ role, mentionedAs: mention, explicit, target, source }));
  if (resolution.kind !== 'fanout') return [];
  return resolution.targets.map((t) => ({
    role,
    mentionedAs: mention,
    explicit,
    target: t.target,
    fanOutOf: t.jurisdictionKey,
    source: 'FAN_OUT',
  }));
}

/** The line without its parentheticals that are assignment lists (their units are explicit). */
function withoutLists(text: string): string {
  let out = text;
  for (const group of parentheticals(text).reverse()) {
    if (parseAssignmentList(group.content, false)) out = out.slice(0, group.start) + '。' + out.slice(group.end);
  }
  return out;
}
