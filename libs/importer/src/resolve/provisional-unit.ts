// A unit a document names in a list that resolves to no department (市委办公厅, 市法制办, 市人才办): kept as a
// provisional department (待确认部门) of the jurisdiction it speaks of, named as printed, for review.
import type { DepartmentTarget } from '../types.js';
import { indexOf, type RegistryIndex } from './registry-index.js';
import { scopeOf } from './scope.js';
import { longestAt, mentionForm } from './text.js';
import type { MentionContext } from './types.js';

/** The function of the registry for a unit that fits none: 其他. */
export const OTHER_FUNCTION = 'OTHER';
// A unit's name as lists print it; a level alone (市级, 县级市) names no unit.
const UNIT_NAME = /^[\p{Script=Han}（）·]{2,40}$/u;
const LEVEL_ONLY = /^[省市县区镇乡级]+$/;
// Kinds of units rather than a unit (各级医疗卫生机构, 市直部门, 社会组织, 有关企业): collectives, left to a warning.
const KIND_OF_UNITS = /^各|有关|相关|(?:部门|单位|机构|企业|组织|系统|群体|人员|力量)$/;
// How a unit's own name ends when no jurisdiction opens it: 人才办, 社工委, 定点医院, 疾控中心.
const ORGAN_END = /(?:局|委|办|厅|部|会|院|室|所|中心|处|署|联|团|队|站|行|馆|社|公司)$/;

/**
 * The provisional department a listed name stands for, keyed `<jurisdiction>.~<name as printed>`; its function is
 * the one function word the name holds (市公安局交警支队 → PUBLIC_SECURITY), else OTHER. Null for what is no name.
 */
export function provisionalUnit(ctx: MentionContext, name: string): DepartmentTarget | null {
  const printed = mentionForm(name);
  const index = indexOf(ctx.registry);
  // A registry without OTHER (loaded before it existed) cannot hold such a department: the caller warns instead.
  const usable = index.jurisdictions.byKey.has(ctx.jurisdictionKey) && index.catalogue.byCode.has(OTHER_FUNCTION);
  if (!usable || !UNIT_NAME.test(printed) || LEVEL_ONLY.test(printed) || KIND_OF_UNITS.test(printed)) return null;
  const scope = scopeOf(index.jurisdictions, ctx.jurisdictionKey, printed);
  if (scope.rest === printed && !ORGAN_END.test(printed)) return null;
  const codes = functionWordsIn(index, scope.rest);
  return {
    kind: 'provisional',
    departmentKey: `${scope.jurisdictionKey}.~${printed}`,
    jurisdictionKey: scope.jurisdictionKey,
    functionCode: codes.size === 1 ? [...codes][0]! : OTHER_FUNCTION,
    name: printed,
    shortName: printed,
  };
}

function functionWordsIn(index: RegistryIndex, words: string): Set<string> {
  const codes = new Set<string>();
  for (let i = 0; i < words.length;) {
    const hit = longestAt(index.catalogue.byPattern, index.catalogue.maxPattern, words, i);
    if (hit) codes.add(hit.value);
    i += hit?.length ?? 1;
  }
  return codes;
}
