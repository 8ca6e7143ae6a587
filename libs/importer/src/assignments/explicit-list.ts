// Explicit assignment lists: （A牵头，B、C配合）, （A、B负责）, （责任单位：A、B）,
// （牵头单位：A；配合单位：B）, （A、B牵头负责）, and the rule 排在第一位的部门为牵头部门，下同.
import type { AssignmentRole } from '../types.js';

/** One name of a list with the role the list gives it. */
export interface ListedUnit {
  name: string;
  role: AssignmentRole;
  /** The words the list prints for it, where they differ from the name (各区、县级市 for 各县级市). */
  printedAs?: string;
}

export interface AssignmentList {
  units: ListedUnit[];
  /** Collective words after 等 (等有关部门和单位): named, but no department. */
  collectives: string[];
  /** The list states that in 负责 lists the first unit leads, from here on. */
  statesLeadRule: boolean;
}

export const LEAD_RULE =
  /[，,。；]?\s*(?:排在|排|列|名列)?第一位?的?(?:部门|单位|者)?(?:为|是|作为)牵头(?:部门|单位)[^，。；）]*(?:[，,。]\s*下同)?[。]?/;
const LABELLED = /(牵头单位|牵头部门|配合单位|配合部门|协办单位|参与单位|责任单位|责任部门|主责单位|实施单位)\s*[：:]/g;
const VERB =
  /(牵头负责|牵头|配合|参与|协助|(?:按职责分工|按照职责分工|按职责|分工|共同|分别|具体|各自)?负责|落实)(?=$|[，,；;。])/g;
const NAME_CHARS = /^[\u4e00-\u9fff（）()、，,\s“”]+$/;
/** 市卫计局（牵头） inside a 责任单位 list: the marked unit leads. */
const MARKED_LEAD = /（牵头）$/;
// Prose, not a list of units: a verb or a clause marker inside a name.
const PROSE = /要|的|将|对|在|加强|建立|推进|实施|开展|以下|简称|包括|含|下同/;

function roleOfLabel(label: string): AssignmentRole {
  if (label.startsWith('牵头')) return 'LEAD';
  if (/^(配合|协办|参与)/.test(label)) return 'COOPERATING';
  return 'RESPONSIBLE';
}

function roleOfVerb(verb: string): AssignmentRole {
  if (verb.startsWith('牵头')) return 'LEAD';
  if (/^(配合|参与|协助)/.test(verb)) return 'COOPERATING';
  return 'RESPONSIBLE';
}

/** Splits on 、，； except inside parentheses: 各县（市、区）人民政府 stays whole. */
export function splitOutsideParentheses(segment: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    else if (depth === 0 && '、，,；;'.includes(ch)) {
      pieces.push(segment.slice(from, i));
      from = i + 1;
    }
  }
  pieces.push(segment.slice(from));
  return pieces;
}

// 县级市 in 各区、县级市: a kind of child jurisdiction alone, which the 各 before it also governs.
const CHILD_KIND = /^(?:县级市|自治县|街道|[省市县区镇乡（）])+(?:人民政府|政府)?$/;

/** A name of a list: the name to resolve, and the words the list prints for it. */
export interface ListedName {
  name: string;
  /** 各区、县级市 for both 各区 and 各县级市: what a reviewer reads as the unit's 原文. */
  printedAs: string;
}

/**
 * Names of a segment: split on 、，；, 由 and 等 removed; what follows 等 is kept as a collective. A bare kind of
 * child jurisdiction after a 各 name takes its 各 (各有关 too): 各区、县级市 → 各区, 各县级市, both printed as
 * 各区、县级市 — one collective the document prints, read as its parts.
 */
export function splitNames(segment: string): { names: ListedName[]; collectives: string[] } {
  const names: ListedName[] = [];
  const collectives: string[] = [];
  let from = 0;
  for (const raw of splitOutsideParentheses(segment)) {
    const start = from;
    from += raw.length + 1;
    const piece = raw.trim().replace(/^(由|请|以)/, '');
    if (!piece) continue;
    const previous = names.at(-1);
    const each = /^各(?:有关|相关)?/.exec(previous?.name ?? '');
    if (CHILD_KIND.test(piece) && previous && each) {
      const group = previous.printedAs;
      const printedAs = `${group}${segment.slice(start - 1, from - 1).trimEnd()}`;
      for (const n of names) if (n.printedAs === group) n.printedAs = printedAs;
      names.push({ name: `${each[0]}${piece}`, printedAs });
      continue;
    }
    const etc = /^(.*?)等(.*)$/.exec(piece);
    if (!etc) {
      names.push({ name: piece, printedAs: piece });
      continue;
    }
    if (etc[1]) names.push({ name: etc[1], printedAs: etc[1] });
    if (/有关|相关|其他|其它/.test(etc[2]!)) collectives.push(etc[2]!);
  }
  return { names, collectives };
}

function isNameList(segment: string): boolean {
  return segment.length > 0 && NAME_CHARS.test(segment) && !PROSE.test(segment.replace(/（牵头）/g, ''));
}

interface Clause {
  names: string;
  role: AssignmentRole;
}

function labelledClauses(content: string): Clause[] | null {
  const labels = [...content.matchAll(LABELLED)];
  if (labels.length === 0 || labels[0]!.index !== 0) return null;
  return labels.map((m, i) => ({
    role: roleOfLabel(m[1]!),
    names: content.slice(m.index + m[0].length, labels[i + 1]?.index ?? content.length).replace(/[；;。，,\s]+$/, ''),
  }));
}

function verbClauses(content: string): Clause[] | null {
  const clauses: Clause[] = [];
  let from = 0;
  for (const m of content.matchAll(VERB)) {
    clauses.push({ names: content.slice(from, m.index).replace(/^[，,；;。\s]+/, ''), role: roleOfVerb(m[1]!) });
    from = m.index + m[0].length;
  }
  const leftover = content.slice(from).replace(/^[，,；;。\s]+/, '');
  return clauses.length > 0 && !leftover ? clauses : null;
}

export function listedUnit(name: string, role: AssignmentRole, printedAs: string): ListedUnit {
  return printedAs === name ? { name, role } : { name, role, printedAs };
}

function unitsOf(clauses: Clause[], firstLeads: boolean): { units: ListedUnit[]; collectives: string[] } {
  const units: ListedUnit[] = [];
  const collectives: string[] = [];
  for (const clause of clauses) {
    const split = splitNames(clause.names);
    collectives.push(...split.collectives);
    const marked = split.names.some((n) => MARKED_LEAD.test(n.name));
    for (const { name, printedAs } of split.names) {
      let role = clause.role;
      if (marked) role = MARKED_LEAD.test(name) ? 'LEAD' : 'COOPERATING';
      else if (role === 'RESPONSIBLE' && firstLeads) role = units.length === 0 ? 'LEAD' : 'COOPERATING';
      units.push(listedUnit(name.replace(MARKED_LEAD, ''), role, printedAs.replace(MARKED_LEAD, '')));
    }
  }
  return { units, collectives };
}

/**
 * Reads the inside of a parenthetical as an assignment list, or null when it is something else
 * ((含中医医院，下同), (以下简称…)). `leadRule` is whether 排在第一位的为牵头 was stated earlier.
 */
export function parseAssignmentList(content: string, leadRule: boolean): AssignmentList | null {
  const statesLeadRule = LEAD_RULE.test(content);
  const body = content.replace(LEAD_RULE, '').trim();
  const clauses = labelledClauses(body) ?? verbClauses(body);
  if (!clauses || !clauses.every((c) => isNameList(c.names))) return null;
  const { units, collectives } = unitsOf(clauses, leadRule || statesLeadRule);
  if (units.length === 0 && collectives.length === 0) return null;
  return { units, collectives, statesLeadRule };
}
