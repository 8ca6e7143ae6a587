// All lookup tables of one registry, built once and kept while the registry object lives.
import type { Registry } from '../types.js';
import { buildCatalogue, type Catalogue } from './catalogue.js';
import { buildDepartmentIndex, type DepartmentIndex } from './department-index.js';
import { buildJurisdictionIndex, type JurisdictionIndex } from './jurisdiction-index.js';

export interface RegistryIndex {
  jurisdictions: JurisdictionIndex;
  catalogue: Catalogue;
  departments: DepartmentIndex;
}

const indexes = new WeakMap<Registry, RegistryIndex>();

export function indexOf(registry: Registry): RegistryIndex {
  let index = indexes.get(registry);
  if (!index) {
    const jurisdictions = buildJurisdictionIndex(registry.jurisdictions);
    const catalogue = buildCatalogue(registry.functions);
    const departments = buildDepartmentIndex(registry.departments, jurisdictions, catalogue);
    index = { jurisdictions, catalogue, departments };
    indexes.set(registry, index);
  }
  return index;
}
