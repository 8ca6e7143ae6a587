// 各区县政府, 各县（区）, 各镇街, 各省、自治区、直辖市人民政府: one department per child jurisdiction.
// Also a level word below the plan's own (县级 in a city's plan, 县卫生计生部门): the children at that level.
import type { DepartmentTarget, JurisdictionEntry, JurisdictionLevel } from '../types.js';
import { functionOfWords } from './catalogue.js';
import { nearestWithSuffix, splitLevelPrefix } from './jurisdiction-index.js';
import type { RegistryIndex } from './registry-index.js';
import { departmentOf } from './targets.js';

export type FanOut =
  | { kind: 'fanout'; targets: { target: DepartmentTarget; jurisdictionKey: string }[] }
  | { kind: 'collective'; reason: string };

// The words between 各 and what the units are: 区县, 县（市、区）, 区县（自治县）, 省级, 镇街, 省、自治区、直辖市.
const SCOPE_WORDS = /^[省市县区镇乡街道级地份自治直辖、（）和及]+/;
const GOVERNMENT_WORDS = /^(?:(?:党委[和、]?)?(?:人民)?政府(?:、?街道办事处)?|(?:街道)?办事处)?$/;

/** A mention opening with 各 split into its child jurisdictions; null when it is not of that form. */
export function fanOut(index: RegistryIndex, planKey: string, mention: string): FanOut | null {
  const words = SCOPE_WORDS.exec(mention.slice(1))?.[0] ?? '';
  for (let length = words.length; length > 0; length--) {
    const rest = mention.slice(1 + length);
    const functionCode = GOVERNMENT_WORDS.test(rest) ? 'GOVERNMENT' : functionOfWords(index.catalogue, rest);
    if (!functionCode) continue;
    // 各镇人民政府、街道办事处: the government words may name a second kind of unit.
    const scope = words.slice(0, length) + (functionCode === 'GOVERNMENT' ? rest : '');
    const children = childrenNamed(index, planKey, scope);
    if (children.length === 0) return { kind: 'collective', reason: `${mention}：本级行政区划下无对应的下级区划` };
    return fanOutTo(index, children, functionCode);
  }
  return null;
}

function fanOutTo(index: RegistryIndex, children: JurisdictionEntry[], functionCode: string): FanOut {
  return {
    kind: 'fanout',
    targets: children.map((c) => ({ target: departmentOf(index, c.key, functionCode), jurisdictionKey: c.key })),
  };
}

// The administrative level a level word names: 县 is every county-level unit (县, 市辖区, 县级市), 乡 every township.
const LEVEL_OF_WORD: Record<string, JurisdictionLevel[]> = {
  自治区: ['PROVINCE'],
  省: ['PROVINCE'],
  市: ['CITY'],
  县: ['COUNTY', 'DISTRICT'],
  区: ['COUNTY', 'DISTRICT'],
  乡: ['TOWNSHIP'],
  镇: ['TOWNSHIP'],
  街道: ['TOWNSHIP'],
};

/**
 * 县级卫生计生部门, 县级, 县政府 in a city's plan: a level word that names neither the plan's jurisdiction nor one
 * above it names the plan's children at that level (市县两级都要… reaches the counties). Null otherwise.
 */
export function fanOutToLevel(index: RegistryIndex, planKey: string, mention: string): FanOut | null {
  const split = splitLevelPrefix(mention);
  if (!split || nearestWithSuffix(index.jurisdictions, planKey, split.prefix)) return null;
  const levels = LEVEL_OF_WORD[split.prefix] ?? [];
  const children = (index.jurisdictions.children.get(planKey) ?? []).filter((c) => levels.includes(c.level));
  const functionCode = GOVERNMENT_WORDS.test(split.rest) ? 'GOVERNMENT' : functionOfWords(index.catalogue, split.rest);
  return children.length > 0 && functionCode ? fanOutTo(index, children, functionCode) : null;
}

/** The children a scope names: 区县 → districts and counties (自治县 included), 镇街 → towns and 街道, 省级 → provinces. */
function childrenNamed(index: RegistryIndex, planKey: string, scope: string): JurisdictionEntry[] {
  const children = index.jurisdictions.children.get(planKey) ?? [];
  const words = scope
    .replace(/县级市/g, '市')
    .replace(/直辖市|自治区|省级|省份/g, '省')
    .replace(/自治县/g, '县');
  const suffixes = ['市', '县', '区', '镇', '乡', '街道'].filter((s) => words.includes(s === '街道' ? '街' : s));
  const provinces = words.includes('省');
  if (suffixes.length === 0 && !provinces) return children;
  return children.filter(
    (c) =>
      (provinces && c.level === 'PROVINCE') || (c.level !== 'PROVINCE' && suffixes.some((s) => c.name.endsWith(s))),
  );
}
