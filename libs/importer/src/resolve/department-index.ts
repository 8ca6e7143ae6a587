// Departments as lookup tables per jurisdiction: by any of their names, and by the functions they serve.
import type { DepartmentEntry } from '../types.js';
import { type Catalogue, functionOfWords } from './catalogue.js';
import { type JurisdictionIndex, splitJurisdictionName, splitLevelPrefix } from './jurisdiction-index.js';
import { mentionForm } from './text.js';

export interface DepartmentIndex {
  byKey: Map<string, DepartmentEntry>;
  /** jurisdiction key → name, short name or alias → department key. */
  byName: Map<string, Map<string, string>>;
  /** jurisdiction key → function code → department key. */
  byFunction: Map<string, Map<string, string>>;
}

export function buildDepartmentIndex(
  departments: DepartmentEntry[],
  jurisdictions: JurisdictionIndex,
  catalogue: Catalogue,
): DepartmentIndex {
  const byName = new Map<string, Map<string, string>>();
  const byFunction = new Map<string, Map<string, string>>();
  for (const d of departments) {
    const names = mapFor(byName, d.jurisdictionKey);
    for (const name of namesOf(d)) names.set(mentionForm(name), d.key);
    const functions = mapFor(byFunction, d.jurisdictionKey);
    // A unit kept under its printed name (市公安局交警支队, key <jurisdiction>.~<name>) answers to its names only:
    // its guessed function must not make it the department a function word (公安部门) means.
    if (isNamedUnit(d)) continue;
    // Of two departments of one function, the one keyed <jurisdiction>.<code> is the one a function word means.
    if (!functions.has(d.functionCode) || d.key === `${d.jurisdictionKey}.${d.functionCode}`)
      functions.set(d.functionCode, d.key);
  }
  for (const d of departments.filter((x) => !isNamedUnit(x)))
    addFunctionsOfOldNames(d, byFunction, jurisdictions, catalogue);
  return { byKey: new Map(departments.map((d) => [d.key, d])), byName, byFunction };
}

function isNamedUnit(d: DepartmentEntry): boolean {
  return d.key.startsWith(`${d.jurisdictionKey}.~`);
}

function namesOf(d: DepartmentEntry): string[] {
  return [d.name, d.shortName, ...d.aliases];
}

function mapFor(maps: Map<string, Map<string, string>>, key: string): Map<string, string> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}

/**
 * A department's former names may reveal functions it absorbed: 市新闻出版广电局, an alias of the 文广旅局, makes a
 * 新闻出版广电部门 of that city this department rather than a new one. Only where no department has the function.
 */
function addFunctionsOfOldNames(
  d: DepartmentEntry,
  byFunction: Map<string, Map<string, string>>,
  jurisdictions: JurisdictionIndex,
  catalogue: Catalogue,
): void {
  const functions = byFunction.get(d.jurisdictionKey)!;
  for (const name of namesOf(d)) {
    const form = mentionForm(name);
    const rest = splitJurisdictionName(jurisdictions, form)?.rest ?? splitLevelPrefix(form)?.rest ?? form;
    const code = functionOfWords(catalogue, rest);
    if (code && !functions.has(code)) functions.set(code, d.key);
  }
}
