// Jurisdictions as lookup tables, and the scope rules: which jurisdiction 市, 区 or 滕州市 means in a plan.
import type { JurisdictionEntry } from '../types.js';
import { longestAt, maxKeyLength, mentionForm } from './text.js';

export interface JurisdictionIndex {
  byKey: Map<string, JurisdictionEntry>;
  /** Names and aliases (滕州市, 滕州, 重慶市) → key. */
  byName: Map<string, string>;
  maxName: number;
  children: Map<string, JurisdictionEntry[]>;
}

export function buildJurisdictionIndex(jurisdictions: JurisdictionEntry[]): JurisdictionIndex {
  const byName = new Map<string, string>();
  const children = new Map<string, JurisdictionEntry[]>();
  for (const j of jurisdictions) {
    for (const name of [j.name, ...j.aliases]) byName.set(mentionForm(name), j.key);
    if (j.parentKey) children.set(j.parentKey, [...(children.get(j.parentKey) ?? []), j]);
  }
  return {
    byKey: new Map(jurisdictions.map((j) => [j.key, j])),
    byName,
    maxName: maxKeyLength(byName),
    children,
  };
}

const LEVEL_SUFFIX = /(自治区|自治县|自治州|街道|省|市|县|区|镇|乡)$/;

/** How a jurisdiction names itself in short department names: 市 (市公安局), 县, 区, 省, 镇, 街道; 国家 for the nation. */
export function levelPrefix(j: JurisdictionEntry): string {
  if (j.level === 'NATION') return '国家';
  const suffix = LEVEL_SUFFIX.exec(j.name)?.[1] ?? '';
  return suffix.startsWith('自治') && suffix !== '自治区' ? suffix.slice(2) : suffix;
}

/**
 * The jurisdiction a level word means in a plan: the nearest of the plan's jurisdiction and its ancestors whose
 * name ends with it. 市 in a 滕州市 plan is 滕州市 itself, in a 相山区 plan the parent 淮北市; 省 is the province.
 */
export function nearestWithSuffix(index: JurisdictionIndex, key: string, suffix: string): JurisdictionEntry | null {
  for (let j = index.byKey.get(key); j; j = j.parentKey ? index.byKey.get(j.parentKey) : undefined) {
    if (j.level !== 'NATION' && levelPrefix(j) === suffix) return j;
  }
  return null;
}

const LEVEL_PREFIX = /^(自治区|街道|省|市|县|区|镇|乡)(?:级|委|直)?/;

/** 市卫计局 → 市 + 卫计局; 市委宣传部 → 市 + 宣传部; 市级医保部门 → 市 + 医保部门. */
export function splitLevelPrefix(text: string): { prefix: string; rest: string } | null {
  const m = LEVEL_PREFIX.exec(text);
  return m ? { prefix: m[1]!, rest: text.slice(m[0].length) } : null;
}

/**
 * A mention opening with jurisdiction names: 枣庄市卫生计生委 → 枣庄市 + 卫生计生委; 重庆市万州区卫生健康委 → 万州区 + …;
 * 中共滕州市委宣传部 → 滕州市 + 宣传部. Null when the mention opens with no known jurisdiction.
 */
export function splitJurisdictionName(
  index: JurisdictionIndex,
  text: string,
): { jurisdiction: JurisdictionEntry; rest: string } | null {
  let rest = text.replace(/^中共/, '');
  let found: JurisdictionEntry | null = null;
  for (
    let hit = longestAt(index.byName, index.maxName, rest);
    hit;
    hit = longestAt(index.byName, index.maxName, rest)
  ) {
    found = index.byKey.get(hit.value)!;
    rest = rest.slice(hit.length);
  }
  return found ? { jurisdiction: found, rest: rest.replace(/^(?:级|委)/, '') } : null;
}
