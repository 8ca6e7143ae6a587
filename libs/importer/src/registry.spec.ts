import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistryFiles, registryProblems, RegistryError } from './registry.js';
import { registry, SEED_REGISTRY_DIR } from './resolve/registry.fixture.js';
import type { Registry } from './types.js';

function duplicatesOf(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('the registry of seeds/registry', () => {
  it('has at least 45 functions, with unique codes', () => {
    expect(registry.functions.length).toBeGreaterThanOrEqual(45);
    expect(duplicatesOf(registry.functions.map((f) => f.code))).toEqual([]);
  });

  it('has the function OTHER (其他) for units no function fits, revealed by no word', () => {
    expect(registry.functions.find((f) => f.code === 'OTHER')).toMatchObject({
      name: '其他',
      patterns: [],
      nationalNames: [],
      nameTemplate: expect.stringContaining('{j}'),
    });
  });

  it('has unique jurisdiction and department keys', () => {
    expect(duplicatesOf(registry.jurisdictions.map((j) => j.key))).toEqual([]);
    expect(duplicatesOf(registry.departments.map((d) => d.key))).toEqual([]);
  });

  it('gives every department a function and a jurisdiction that exist', () => {
    const codes = new Set(registry.functions.map((f) => f.code));
    const keys = new Set(registry.jurisdictions.map((j) => j.key));
    expect(registry.departments.filter((d) => !codes.has(d.functionCode))).toEqual([]);
    expect(registry.departments.filter((d) => !keys.has(d.jurisdictionKey))).toEqual([]);
  });

  it('lets no name or alias stand for two departments of one jurisdiction', () => {
    for (const key of new Set(registry.departments.map((d) => d.jurisdictionKey))) {
      const names = registry.departments
        .filter((d) => d.jurisdictionKey === key)
        .flatMap((d) => [...new Set([d.name, d.shortName, ...d.aliases])]);
      expect({ key, duplicates: duplicatesOf(names) }).toEqual({ key, duplicates: [] });
    }
  });

  it('follows the key convention <jurisdiction>.<function>', () => {
    const off = registry.departments.filter((d) => !d.key.startsWith(`${d.jurisdictionKey}.${d.functionCode}`));
    expect(off).toEqual([]);
  });

  it('holds the nation, its 31 provinces and the five plan jurisdictions with their children', () => {
    const children = (key: string) => registry.jurisdictions.filter((j) => j.parentKey === key);
    expect(children('cn').filter((j) => j.level === 'PROVINCE')).toHaveLength(31);
    expect(
      children('suqian')
        .map((j) => j.name)
        .sort(),
    ).toEqual(['宿城区', '宿豫区', '沭阳县', '泗洪县', '泗阳县'].sort());
    expect(children('chongqing')).toHaveLength(38);
    expect(children('shuozhou').map((j) => j.name)).toContain('怀仁市');
    expect(children('tengzhou').length).toBeGreaterThanOrEqual(21);
    expect(children('xiangshan').every((j) => j.level === 'TOWNSHIP')).toBe(true);
    expect(registry.jurisdictions.find((j) => j.key === 'tengzhou')).toMatchObject({
      level: 'COUNTY',
      parentKey: 'zaozhuang',
    });
  });

  it('gives every jurisdiction a government to fan out to', () => {
    const governed = new Set(
      registry.departments.filter((d) => d.functionCode === 'GOVERNMENT').map((d) => d.jurisdictionKey),
    );
    expect(registry.jurisdictions.filter((j) => !governed.has(j.key)).map((j) => j.key)).toEqual([]);
  });

  it('keeps a department renamed in the 2018 reform as one department', () => {
    const health = registry.departments.find((d) => d.key === 'tengzhou.HEALTH')!;
    expect([health.name, health.shortName, ...health.aliases]).toEqual(
      expect.arrayContaining(['滕州市卫生健康局', '市卫计局', '市卫生和计划生育局']),
    );
  });

  it('is consistent', () => {
    expect(registryProblems(registry)).toEqual([]);
  });
});

describe('loadRegistryFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-registry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(reg: Partial<Record<keyof Registry, unknown>>): void {
    const files = {
      jurisdictions: registry.jurisdictions,
      functions: registry.functions,
      departments: [],
      ...reg,
    };
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
  }

  it('reads the seed files', () => {
    expect(loadRegistryFiles(SEED_REGISTRY_DIR).departments.length).toBeGreaterThan(100);
  });

  it('names the missing file', () => {
    expect(() => loadRegistryFiles(dir)).toThrow(/cannot read .*jurisdictions\.json/);
  });

  it('names the item and field of a wrong shape', () => {
    write({ jurisdictions: { cn: {} } });
    expect(() => loadRegistryFiles(dir)).toThrow('jurisdictions.json: expected a JSON array');
    write({ jurisdictions: [{ key: 'cn', name: '中国', level: 'COUNTRY', parentKey: null, aliases: [] }] });
    expect(() => loadRegistryFiles(dir)).toThrow("jurisdictions.json[0].level: 'COUNTRY' is not one of");
    write({
      functions: [
        {
          code: 'HEALTH',
          name: '卫生',
          patterns: '卫生',
          nationalNames: [],
          nameTemplate: '{j}',
          shortTemplate: '{p}',
        },
      ],
    });
    expect(() => loadRegistryFiles(dir)).toThrow('functions.json[0].patterns: expected an array of non-empty strings');
    write({
      departments: [{ key: 'cn.X', jurisdictionKey: 'cn', functionCode: 'X', name: '', shortName: 'x', aliases: [] }],
    });
    expect(() => loadRegistryFiles(dir)).toThrow('departments.json[0].name: expected a non-empty string');
  });

  it('rejects references to nothing and names claimed twice', () => {
    const department = { jurisdictionKey: 'cn', name: '公安部', shortName: '公安部', aliases: [] };
    write({
      departments: [
        { ...department, key: 'cn.PUBLIC_SECURITY', functionCode: 'PUBLIC_SECURITY' },
        { ...department, key: 'atlantis.POLICE', jurisdictionKey: 'atlantis', functionCode: 'POLICE' },
      ],
    });
    expect(() => loadRegistryFiles(dir)).toThrow(RegistryError);
    expect(() => loadRegistryFiles(dir)).toThrow(/unknown jurisdiction 'atlantis'[\s\S]*unknown function 'POLICE'/);
    write({
      departments: [0, 1].map((i) => ({
        ...department,
        key: `cn.PUBLIC_SECURITY${i}`,
        functionCode: 'PUBLIC_SECURITY',
      })),
    });
    expect(() => loadRegistryFiles(dir)).toThrow("department name or alias in 'cn' '公安部' is used more than once");
  });
});
