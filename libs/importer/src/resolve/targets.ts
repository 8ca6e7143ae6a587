// The department of a function in a jurisdiction: the registry's, or a provisional one named from the catalogue.
import type { DepartmentTarget, FunctionEntry, JurisdictionEntry } from '../types.js';
import { levelPrefix } from './jurisdiction-index.js';
import type { RegistryIndex } from './registry-index.js';

export function existing(departmentKey: string): DepartmentTarget {
  return { kind: 'existing', departmentKey };
}

/** 市公安局 in a city the registry has no police of: a new 公安局 of that city, marked provisional for review. */
export function departmentOf(index: RegistryIndex, jurisdictionKey: string, functionCode: string): DepartmentTarget {
  const key = index.departments.byFunction.get(jurisdictionKey)?.get(functionCode);
  if (key) return existing(key);
  const jurisdiction = index.jurisdictions.byKey.get(jurisdictionKey)!;
  const fn = index.catalogue.byCode.get(functionCode)!;
  return {
    kind: 'provisional',
    departmentKey: `${jurisdictionKey}.${functionCode}`,
    jurisdictionKey,
    functionCode,
    ...provisionalNames(fn, jurisdiction),
  };
}

function provisionalNames(fn: FunctionEntry, j: JurisdictionEntry): { name: string; shortName: string } {
  // A ministry is not named by template (中华人民共和国公安局): its State Council name is known.
  if (j.level === 'NATION' && fn.nationalNames.length > 0)
    return { name: fn.nationalNames[0]!, shortName: fn.nationalNames[1] ?? fn.nationalNames[0]! };
  const fill = (template: string) => template.replace('{j}', j.name).replace('{p}', levelPrefix(j));
  return { name: fill(fn.nameTemplate), shortName: fill(fn.shortTemplate) };
}
