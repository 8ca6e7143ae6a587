// The registry: jurisdictions, the function catalogue and departments, read from seeds/registry/*.json.
// Plain checks rather than a schema library: the importer stays dependency-free, and errors name the item.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentEntry, FunctionEntry, JurisdictionEntry, JurisdictionLevel, Registry } from './types.js';

export const REGISTRY_FILES = {
  jurisdictions: 'jurisdictions.json',
  functions: 'functions.json',
  departments: 'departments.json',
} as const;

const LEVELS: readonly JurisdictionLevel[] = ['NATION', 'PROVINCE', 'CITY', 'COUNTY', 'DISTRICT', 'TOWNSHIP'];

export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

type Item = Record<string, unknown>;

/** Reads and checks the three registry files of `dir`; throws RegistryError naming the file, item and field. */
export function loadRegistryFiles(dir: string): Registry {
  const registry: Registry = {
    jurisdictions: readArray(dir, REGISTRY_FILES.jurisdictions).map((item, i) =>
      toJurisdiction(item, `${REGISTRY_FILES.jurisdictions}[${i}]`),
    ),
    functions: readArray(dir, REGISTRY_FILES.functions).map((item, i) =>
      toFunction(item, `${REGISTRY_FILES.functions}[${i}]`),
    ),
    departments: readArray(dir, REGISTRY_FILES.departments).map((item, i) =>
      toDepartment(item, `${REGISTRY_FILES.departments}[${i}]`),
    ),
  };
  const problems = registryProblems(registry);
  if (problems.length > 0) throw new RegistryError(`registry in ${dir} is inconsistent:\n- ${problems.join('\n- ')}`);
  return registry;
}

function readArray(dir: string, file: string): Item[] {
  const path = join(dir, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RegistryError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new RegistryError(`${file}: expected a JSON array`);
  return parsed.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new RegistryError(`${file}[${i}]: expected an object`);
    return item as Item;
  });
}

function toJurisdiction(item: Item, at: string): JurisdictionEntry {
  const level = text(item, 'level', at);
  if (!LEVELS.includes(level as JurisdictionLevel))
    throw new RegistryError(`${at}.level: '${level}' is not one of ${LEVELS.join(', ')}`);
  const parentKey = item.parentKey === null ? null : text(item, 'parentKey', at);
  const entry: JurisdictionEntry = {
    key: text(item, 'key', at),
    name: text(item, 'name', at),
    level: level as JurisdictionLevel,
    parentKey,
    aliases: texts(item, 'aliases', at),
  };
  if (item.abbreviation !== undefined) entry.abbreviation = text(item, 'abbreviation', at);
  return entry;
}

function toFunction(item: Item, at: string): FunctionEntry {
  return {
    code: text(item, 'code', at),
    name: text(item, 'name', at),
    patterns: texts(item, 'patterns', at),
    nationalNames: texts(item, 'nationalNames', at),
    nameTemplate: text(item, 'nameTemplate', at),
    shortTemplate: text(item, 'shortTemplate', at),
  };
}

function toDepartment(item: Item, at: string): DepartmentEntry {
  const entry: DepartmentEntry = {
    key: text(item, 'key', at),
    jurisdictionKey: text(item, 'jurisdictionKey', at),
    functionCode: text(item, 'functionCode', at),
    name: text(item, 'name', at),
    shortName: text(item, 'shortName', at),
    aliases: texts(item, 'aliases', at),
  };
  if (item.provisional !== undefined) {
    if (typeof item.provisional !== 'boolean') throw new RegistryError(`${at}.provisional: expected a boolean`);
    entry.provisional = item.provisional;
  }
  return entry;
}

function text(item: Item, field: string, at: string): string {
  const value = item[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw new RegistryError(`${at}.${field}: expected a non-empty string`);
  return value;
}

function texts(item: Item, field: string, at: string): string[] {
  const value = item[field];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === ''))
    throw new RegistryError(`${at}.${field}: expected an array of non-empty strings`);
  return value as string[];
}

/** Consistency of a registry whose items have the right shape: references, unique keys, unambiguous names. */
export function registryProblems(registry: Registry): string[] {
  return [
    ...duplicates(
      registry.jurisdictions.map((j) => j.key),
      'jurisdiction key',
    ),
    ...duplicates(
      registry.functions.map((f) => f.code),
      'function code',
    ),
    ...duplicates(
      registry.departments.map((d) => d.key),
      'department key',
    ),
    ...jurisdictionProblems(registry.jurisdictions),
    ...functionProblems(registry.functions),
    ...departmentProblems(registry),
  ];
}

function duplicates(values: string[], what: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated].map((v) => `${what} '${v}' is used more than once`);
}

function jurisdictionProblems(jurisdictions: JurisdictionEntry[]): string[] {
  const keys = new Set(jurisdictions.map((j) => j.key));
  const problems = jurisdictions
    .filter((j) => (j.parentKey === null) !== (j.level === 'NATION') || (j.parentKey && !keys.has(j.parentKey)))
    .map((j) => `jurisdiction '${j.key}' has parent '${j.parentKey}', which is missing or wrong for ${j.level}`);
  problems.push(
    ...duplicates(
      jurisdictions.flatMap((j) => [j.name, ...j.aliases]),
      'jurisdiction name or alias',
    ),
    ...duplicates(
      jurisdictions.flatMap((j) => (j.abbreviation ? [j.abbreviation] : [])),
      'jurisdiction abbreviation',
    ),
  );
  return problems;
}

function functionProblems(functions: FunctionEntry[]): string[] {
  return [
    ...duplicates(
      functions.flatMap((f) => [...new Set(f.patterns)]),
      'function pattern',
    ),
    ...duplicates(
      functions.flatMap((f) => [...new Set(f.nationalNames)]),
      'national name',
    ),
    ...functions
      .filter((f) => !f.nameTemplate.includes('{j}'))
      .map((f) => `function '${f.code}' nameTemplate lacks {j}`),
  ];
}

function departmentProblems(registry: Registry): string[] {
  const jurisdictions = new Set(registry.jurisdictions.map((j) => j.key));
  const functions = new Set(registry.functions.map((f) => f.code));
  const problems: string[] = [];
  for (const d of registry.departments) {
    if (!jurisdictions.has(d.jurisdictionKey))
      problems.push(`department '${d.key}' names unknown jurisdiction '${d.jurisdictionKey}'`);
    if (!functions.has(d.functionCode))
      problems.push(`department '${d.key}' names unknown function '${d.functionCode}'`);
  }
  const namesByJurisdiction = new Map<string, string[]>();
  for (const d of registry.departments) {
    const names = namesByJurisdiction.get(d.jurisdictionKey) ?? [];
    names.push(...new Set([d.name, d.shortName, ...d.aliases]));
    namesByJurisdiction.set(d.jurisdictionKey, names);
  }
  for (const [key, names] of namesByJurisdiction)
    problems.push(...duplicates(names, `department name or alias in '${key}'`));
  return problems;
}
