import { BadInputError } from '@app/common';

/** 层级, from the nation down: a jurisdiction sits below its parent's level. */
export const JURISDICTION_LEVELS = ['NATION', 'PROVINCE', 'CITY', 'COUNTY', 'DISTRICT', 'TOWNSHIP'] as const;
export type JurisdictionLevelName = (typeof JURISDICTION_LEVELS)[number];

/** County-level units (县, 县级市, 市辖区) are one rank: a district is not below a county. */
const RANK: Record<JurisdictionLevelName, number> = {
  NATION: 0,
  PROVINCE: 1,
  CITY: 2,
  COUNTY: 3,
  DISTRICT: 3,
  TOWNSHIP: 4,
};

export function validLevel(level: string): JurisdictionLevelName {
  const found = JURISDICTION_LEVELS.find((l) => l === level.trim().toUpperCase());
  if (!found)
    throw new BadInputError(`层级须为 ${JURISDICTION_LEVELS.join('、')} 之一 (invalid level: ${level})`, {
      level,
    });
  return found;
}

export function assertBelow(parentLevel: string, level: JurisdictionLevelName): void {
  const parentRank = RANK[parentLevel as JurisdictionLevelName];
  if (parentRank !== undefined && RANK[level] <= parentRank)
    throw new BadInputError(`层级 ${level} 不能在 ${parentLevel} 之下 (level must be below the parent's)`);
}

/** A required name, trimmed; inner spaces are typing noise in Chinese unit names. */
export function requiredName(value: string | null | undefined, what: string): string {
  const name = (value ?? '').replace(/\s+/g, '');
  if (!name) throw new BadInputError(`${what}不能为空 (${what} is required)`);
  if (name.length > 100) throw new BadInputError(`${what}过长 (${what} longer than 100 characters)`);
  return name;
}

/** Aliases as stored: trimmed, without blanks, each once, and never one of the names already given. */
export function cleanNames(values: readonly string[] | null | undefined, except: readonly string[] = []): string[] {
  const taken = new Set(except);
  const out: string[] = [];
  for (const raw of values ?? []) {
    const v = raw.replace(/\s+/g, '');
    if (v && !taken.has(v)) {
      taken.add(v);
      out.push(v);
    }
  }
  return out;
}

/**
 * A registry key for a new node: readable and stable (never changed by a rename). Seeded keys are
 * pinyin (tengzhou.longquan); without a pinyin table here the name itself is the slug, keys being
 * identifiers only. `taken` says whether a key exists; `~2`, `~3` … follow a taken one.
 */
export async function freeKey(base: string, taken: (key: string) => Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) if (!(await taken(`${base}~${n}`))) return `${base}~${n}`;
}

/** Key segment of a name: dots separate the levels of a key. */
export function slugOf(name: string): string {
  return name.replace(/\./g, '·');
}
