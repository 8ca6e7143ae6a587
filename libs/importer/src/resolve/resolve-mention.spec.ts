import { describe, expect, it } from '@jest/globals';
import type { DepartmentTarget, Registry } from '../types.js';
import { resolveMention, type MentionResolution } from './index.js';
import { registry } from './registry.fixture.js';

function resolve(jurisdictionKey: string, mention: string, reg: Registry = registry): MentionResolution {
  return resolveMention({ registry: reg, jurisdictionKey }, mention);
}

function departmentOf(jurisdictionKey: string, mention: string, reg: Registry = registry): DepartmentTarget {
  const resolution = resolve(jurisdictionKey, mention, reg);
  if (resolution.kind !== 'department') throw new Error(`${mention} in ${jurisdictionKey}: ${resolution.kind}`);
  return resolution.target;
}

function keyOf(jurisdictionKey: string, mention: string): string {
  return departmentOf(jurisdictionKey, mention).departmentKey;
}

describe('resolveMention: departments of the plan', () => {
  it.each([
    '市卫计局',
    '市卫生和计划生育局',
    '卫生计生部门',
    '卫生健康委',
    '市卫生健康局',
    '卫生计生',
    '滕州市卫生健康局',
  ])('%s in 滕州 is the one HEALTH department', (mention) => {
    expect(departmentOf('tengzhou', mention)).toEqual({ kind: 'existing', departmentKey: 'tengzhou.HEALTH' });
  });

  it.each([
    ['tengzhou', '市委宣传部', 'tengzhou.PROPAGANDA'],
    ['tengzhou', '团市委', 'tengzhou.YOUTH_LEAGUE'],
    ['tengzhou', '市人社局', 'tengzhou.HUMAN_RESOURCES'],
    ['tengzhou', '市发改局', 'tengzhou.DEVELOPMENT_REFORM'],
    ['tengzhou', '市市场监管局', 'tengzhou.MARKET_REGULATION'],
    ['tengzhou', '市老龄办', 'tengzhou.AGING'],
    ['tengzhou', '市政府', 'tengzhou.GOVERNMENT'],
    ['tengzhou', '公安部门', 'tengzhou.PUBLIC_SECURITY'],
    ['tengzhou', '民政', 'tengzhou.CIVIL_AFFAIRS'],
    ['tengzhou', '中共滕州市委宣传部', 'tengzhou.PROPAGANDA'],
    ['chongqing', '市人力社保局', 'chongqing.HUMAN_RESOURCES'],
    ['chongqing', '市教委', 'chongqing.EDUCATION'],
    ['chongqing', '市委平安办', 'chongqing.COMPREHENSIVE_GOVERNANCE'],
    ['chongqing', '市卫生健康委', 'chongqing.HEALTH'],
    ['suqian', '卫生计生委', 'suqian.HEALTH'],
    ['suqian', '各级民政部门', 'suqian.CIVIL_AFFAIRS'],
    ['suqian', '检验检疫部门', 'suqian.CUSTOMS'],
    ['suqian', '新闻出版广电部门', 'suqian.CULTURE_TOURISM'],
    ['suqian', '工商联', 'suqian.INDUSTRY_COMMERCE_FEDERATION'],
    ['suqian', '工商', 'suqian.MARKET_REGULATION'],
    ['shuozhou', '卫生健康行政部门', 'shuozhou.HEALTH'],
    ['shuozhou', '机构编制部门', 'shuozhou.EDITORIAL'],
    ['xiangshan', '区卫健委部门', 'xiangshan.HEALTH'],
    ['xiangshan', '区政府', 'xiangshan.GOVERNMENT'],
  ])('%s: %s → %s', (jurisdictionKey, mention, key) => {
    expect(keyOf(jurisdictionKey, mention)).toBe(key);
  });
});

describe('resolveMention: the jurisdiction a mention names', () => {
  it.each([
    ['xiangshan', '市卫健委', 'huaibei.HEALTH'], // 市 in a 区 plan: the parent city
    ['tengzhou', '枣庄市卫生计生委', 'zaozhuang.HEALTH'],
    ['suqian', '沭阳县政府', 'suqian.shuyang.GOVERNMENT'],
    ['chongqing', '万州区人民政府', 'chongqing.wanzhou.GOVERNMENT'],
    ['suqian', '国家卫生健康委', 'cn.HEALTH'],
    ['suqian', '民政部', 'cn.CIVIL_AFFAIRS'],
    ['suqian', '沭阳县', 'suqian.shuyang.GOVERNMENT'],
    ['xiangshan', '南黎街道', 'xiangshan.nanli.GOVERNMENT'],
    ['shuozhou', '朔城区卫体局', 'shuozhou.shuocheng.HEALTH'],
    ['tengzhou', '滕州市卫计局', 'tengzhou.HEALTH'],
  ])('%s: %s → %s', (jurisdictionKey, mention, key) => {
    expect(keyOf(jurisdictionKey, mention)).toBe(key);
  });

  it('names a new department of a known jurisdiction from the catalogue', () => {
    expect(departmentOf('suqian', '沭阳县公安局')).toEqual({
      kind: 'provisional',
      departmentKey: 'suqian.shuyang.PUBLIC_SECURITY',
      jurisdictionKey: 'suqian.shuyang',
      functionCode: 'PUBLIC_SECURITY',
      name: '沭阳县公安局',
      shortName: '县公安局',
    });
    expect(departmentOf('suqian', '省卫健委')).toMatchObject({
      kind: 'provisional',
      departmentKey: 'jiangsu.HEALTH',
      name: '江苏省卫生健康委员会',
      shortName: '省卫生健康委',
    });
  });

  it('leaves a city the registry does not know unknown', () => {
    expect(resolve('suqian', '徐州市公安局')).toEqual({ kind: 'unknown' });
    expect(resolve('suqian', '市第一人民医院')).toEqual({ kind: 'unknown' });
  });
});

describe('resolveMention: a city with no departments yet', () => {
  const bare: Registry = {
    jurisdictions: [
      { key: 'cn', name: '中华人民共和国', level: 'NATION', parentKey: null, aliases: [] },
      { key: 'hebei', name: '河北省', level: 'PROVINCE', parentKey: 'cn', aliases: [] },
      { key: 'cangzhou', name: '沧州市', level: 'CITY', parentKey: 'hebei', aliases: ['沧州'] },
    ],
    functions: registry.functions,
    departments: [],
  };

  it('makes 市公安局 a provisional PUBLIC_SECURITY department of the city', () => {
    expect(departmentOf('cangzhou', '市公安局', bare)).toEqual({
      kind: 'provisional',
      departmentKey: 'cangzhou.PUBLIC_SECURITY',
      jurisdictionKey: 'cangzhou',
      functionCode: 'PUBLIC_SECURITY',
      name: '沧州市公安局',
      shortName: '市公安局',
    });
  });

  it('names national bodies by their State Council names', () => {
    expect(departmentOf('cn', '民政部', bare)).toMatchObject({
      departmentKey: 'cn.CIVIL_AFFAIRS',
      name: '民政部',
    });
  });
});

describe('resolveMention: national documents', () => {
  it.each([
    ['民政部', 'cn.CIVIL_AFFAIRS'],
    ['公安部', 'cn.PUBLIC_SECURITY'],
    ['国家卫生健康委', 'cn.HEALTH'],
    ['海关总署', 'cn.CUSTOMS'],
    ['人力资源社会保障部', 'cn.HUMAN_RESOURCES'],
    ['发展改革委', 'cn.DEVELOPMENT_REFORM'],
    ['市场监管总局', 'cn.MARKET_REGULATION'],
    ['银保监会', 'cn.BANKING_INSURANCE'],
    ['国家中医药局', 'cn.CHINESE_MEDICINE'],
    ['国际发展合作署', 'cn.INTERNATIONAL_DEVELOPMENT'],
  ])('%s → %s', (mention, key) => {
    const target = departmentOf('cn', mention);
    expect(target).toEqual({ kind: 'existing', departmentKey: key });
    expect(registry.departments.find((d) => d.key === key)?.jurisdictionKey).toBe('cn');
  });

  it('names a body the registry lacks from its national names', () => {
    expect(departmentOf('cn', '全国老龄办')).toMatchObject({
      kind: 'provisional',
      departmentKey: 'cn.AGING',
      name: '全国老龄工作委员会办公室',
      shortName: '全国老龄办',
    });
  });
});

describe('resolveMention: fan-out and collectives', () => {
  function fanOutKeys(jurisdictionKey: string, mention: string): string[] {
    const resolution = resolve(jurisdictionKey, mention);
    if (resolution.kind !== 'fanout') throw new Error(`${mention}: ${resolution.kind}`);
    return resolution.targets.map((t) => t.target.departmentKey);
  }

  it.each(['各县区', '各县（区）', '各县(区)', '各区县政府', '各县区人民政府'])(
    '%s in 宿迁 is its five governments',
    (m) => {
      expect(fanOutKeys('suqian', m).sort()).toEqual(
        ['shuyang', 'siyang', 'sihong', 'sucheng', 'suyu'].map((k) => `suqian.${k}.GOVERNMENT`).sort(),
      );
    },
  );

  it('各区县（自治县）人民政府 in 重庆 is 38 governments, autonomous counties included', () => {
    const keys = fanOutKeys('chongqing', '各区县（自治县）人民政府');
    expect(keys).toHaveLength(38);
    expect(keys).toContain('chongqing.shizhu.GOVERNMENT');
    expect(new Set(keys).size).toBe(38);
  });

  it('各镇街 in 滕州 is every town and subdistrict; 各镇人民政府 only the towns', () => {
    const children = registry.jurisdictions.filter((j) => j.parentKey === 'tengzhou');
    expect(fanOutKeys('tengzhou', '各镇街')).toHaveLength(children.length);
    expect(fanOutKeys('tengzhou', '各镇人民政府')).toHaveLength(children.filter((c) => c.name.endsWith('镇')).length);
    expect(fanOutKeys('tengzhou', '各镇人民政府、街道办事处')).toHaveLength(children.length);
  });

  it.each(['各省级人民政府', '各省、自治区、直辖市人民政府'])('%s in a national document is 31 provinces', (m) => {
    expect(fanOutKeys('cn', m)).toHaveLength(31);
  });

  it('fans a function out to each child: 各县（市、区）卫体局 in 朔州', () => {
    const resolution = resolve('shuozhou', '各县（市、区）卫体局');
    expect(resolution.kind).toBe('fanout');
    if (resolution.kind !== 'fanout') return;
    expect(resolution.targets.map((t) => t.jurisdictionKey).sort()).toEqual(
      registry.jurisdictions
        .filter((j) => j.parentKey === 'shuozhou')
        .map((j) => j.key)
        .sort(),
    );
    expect(
      resolution.targets.every((t) => t.target.kind === 'existing' && t.target.departmentKey.endsWith('.HEALTH')),
    ).toBe(true);
  });

  it('gives provisional governments where the registry has none', () => {
    const reg: Registry = {
      ...registry,
      departments: registry.departments.filter((d) => d.functionCode !== 'GOVERNMENT'),
    };
    const resolution = resolve('suqian', '各县区', reg);
    expect(resolution.kind === 'fanout' && resolution.targets[0]!.target).toMatchObject({
      kind: 'provisional',
      functionCode: 'GOVERNMENT',
      name: '沭阳县人民政府',
    });
  });

  it.each(['各有关部门', '各相关部门', '有关单位', '各级政府', '各部门', '市政府各部门', '各有关部门和单位'])(
    '%s is collective',
    (m) => {
      expect(resolve('suqian', m).kind).toBe('collective');
    },
  );

  it('reads a level word below the plan as its children at that level: 县级 in 朔州 is every county-level unit', () => {
    const counties = registry.jurisdictions.filter((j) => j.parentKey === 'shuozhou').map((j) => j.key);
    expect(fanOutKeys('shuozhou', '县级').sort()).toEqual(counties.map((k) => `${k}.GOVERNMENT`).sort());
    expect(fanOutKeys('suqian', '县财政')).toHaveLength(5);
    expect(fanOutKeys('suqian', '县级卫生计生单位').every((k) => k.endsWith('.HEALTH'))).toBe(true);
    // The plan's own level, or one above it, is no fan-out.
    expect(resolve('suqian', '市级').kind).toBe('unknown');
    expect(keyOf('suqian', '市财政')).toBe('suqian.FINANCE');
    expect(resolve('tengzhou', '县级').kind).toBe('unknown');
  });

  it('其余各县 in 朔州 is each county: which of them are meant the text does not say', () => {
    expect(fanOutKeys('shuozhou', '其余各县')).toEqual(fanOutKeys('shuozhou', '各县'));
  });

  it('各区县 where there are only towns is collective, not a silent empty fan-out', () => {
    expect(resolve('tengzhou', '各区县').kind).toBe('collective');
  });
});

describe('resolveMention: speed', () => {
  it('resolves 10,000 mentions in well under 100 ms', () => {
    const mentions = [
      '市卫计局',
      '公安部门',
      '各镇街',
      '各有关部门',
      '枣庄市卫生计生委',
      '徐州市公安局',
      '市委宣传部',
      '民政部',
    ];
    resolve('tengzhou', '市卫计局'); // builds the indexes once
    const start = performance.now();
    for (let i = 0; i < 10_000; i++) resolve('tengzhou', mentions[i % mentions.length]!);
    expect(performance.now() - start).toBeLessThan(100);
  });
});
