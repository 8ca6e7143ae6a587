import { readdirSync, readFileSync } from 'node:fs';
import { repoPath } from '@app/common';
import { gapTo, inBand, isPlaceholder, parseNumber, parseTarget, resolveTarget, type Band } from './target-parser.js';

const resolved = (printed: string, baseline: number | null): Band => {
  const spec = parseTarget(printed);
  if (!spec) throw new Error(`unparsed: ${printed}`);
  const band = resolveTarget(spec, baseline);
  if (typeof band === 'string') throw new Error(band);
  return band;
};

describe('parseNumber', () => {
  it.each([
    ['72', 72],
    ['72%', 72],
    ['4.9‰', 4.9],
    ['０.６', 0.6],
    ['5.90', 5.9],
    ['1/80', 0.0125],
    ['1/120', 1 / 120],
    ['2万', 20000],
    [' 78.93 ', 78.93],
    ['-3', -3],
  ])('%s → %d', (printed, value) => {
    expect(parseNumber(printed)).toBeCloseTo(value, 10);
  });

  it.each(['', '/', '--', '持续增长', '87.35\n86.57', '1/0', 'abc', '≥70'])('%j is no number', (printed) => {
    expect(parseNumber(printed)).toBeNull();
  });
});

describe('parseTarget: the forms plans print', () => {
  it.each([
    ['≥70', { kind: 'bound', op: '>=', value: 70 }],
    ['≥95', { kind: 'bound', op: '>=', value: 95 }],
    ['≤22', { kind: 'bound', op: '<=', value: 22 }],
    ['＜7.72', { kind: 'bound', op: '<', value: 7.72 }],
    ['<13', { kind: 'bound', op: '<', value: 13 }],
    ['>36', { kind: 'bound', op: '>', value: 36 }],
    ['＞90%', { kind: 'bound', op: '>', value: 90 }],
    ['≧80', { kind: 'bound', op: '>=', value: 80 }],
    ['90%以上', { kind: 'bound', op: '>=', value: 90 }],
    ['5%以下', { kind: 'bound', op: '<=', value: 5 }],
    ['不低于95%', { kind: 'bound', op: '>=', value: 95 }],
    ['不超过 20', { kind: 'bound', op: '<=', value: 20 }],
    ['达到90', { kind: 'bound', op: '>=', value: 90 }],
    ['5—10', { kind: 'range', low: 5, high: 10 }],
    ['10—15', { kind: 'range', low: 10, high: 15 }],
    ['2—3', { kind: 'range', low: 2, high: 3 }],
    ['5-10', { kind: 'range', low: 5, high: 10 }],
    ['5~8', { kind: 'range', low: 5, high: 8 }],
    ['5～8', { kind: 'range', low: 5, high: 8 }],
    ['3－5', { kind: 'range', low: 3, high: 5 }],
    ['10至20', { kind: 'range', low: 10, high: 20 }],
    ['27左右', { kind: 'about', value: 27 }],
    ['约27', { kind: 'about', value: 27 }],
    ['55', { kind: 'level', value: 55 }],
    ['100', { kind: 'level', value: 100 }],
    ['78.93', { kind: 'level', value: 78.93 }],
    ['1/80', { kind: 'level', value: 0.0125 }],
    ['下降5%', { kind: 'change', direction: 'down', amount: 5, unit: 'percent' }],
    ['下降15%', { kind: 'change', direction: 'down', amount: 15, unit: 'percent' }],
    ['提高10%', { kind: 'change', direction: 'up', amount: 10, unit: 'percent' }],
    ['提高50%', { kind: 'change', direction: 'up', amount: 50, unit: 'percent' }],
    ['增长44.6%', { kind: 'change', direction: 'up', amount: 44.6, unit: 'percent' }],
    ['减少10%', { kind: 'change', direction: 'down', amount: 10, unit: 'percent' }],
    ['減少10%', { kind: 'change', direction: 'down', amount: 10, unit: 'percent' }],
    ['提高2个百分点', { kind: 'change', direction: 'up', amount: 2, unit: 'points' }],
    ['降低3', { kind: 'change', direction: 'down', amount: 3, unit: 'absolute' }],
    ['持续增长', { kind: 'trend', direction: 'up' }],
    ['持續增長', { kind: 'trend', direction: 'up' }],
    ['持续提高', { kind: 'trend', direction: 'up' }],
    ['同比例提高', { kind: 'trend', direction: 'up' }],
    ['有效下降', { kind: 'trend', direction: 'down' }],
    ['逐步降低', { kind: 'trend', direction: 'down' }],
    ['有效控制', { kind: 'trend', direction: 'hold' }],
  ])('%s', (printed, spec) => {
    expect(parseTarget(printed)).toEqual(spec);
  });

  it.each(['/', '--', '-', '—', '无', '', '待定', '全覆盖', '2025年'])('%j says nothing measurable', (printed) => {
    expect(parseTarget(printed)).toBeNull();
  });

  it('knows the placeholders tables print for no value', () => {
    expect(['/', '--', '—', '无', '暂无'].every(isPlaceholder)).toBe(true);
    expect(isPlaceholder('0')).toBe(false);
  });
});

describe('resolveTarget: the band a value must reach', () => {
  it('takes bounds as printed, open or closed', () => {
    const b = resolved('≥70', null);
    expect([inBand(b, 70), inBand(b, 69.9), inBand(b, 1000)]).toEqual([true, false, true]);
    const lt = resolved('＜7.72', 7.72);
    expect([inBand(lt, 7.72), inBand(lt, 7.71)]).toEqual([false, true]);
  });

  it('accepts both ends of a range', () => {
    const b = resolved('5—10', null);
    expect([4, 5, 7, 10, 11].map((v) => inBand(b, v))).toEqual([false, true, true, true, false]);
    expect(gapTo(b, 3)).toBe(2);
    expect(gapTo(b, 12)).toBe(2);
  });

  it('reads 左右 as ±5%', () => {
    const b = resolved('27左右', 28.94);
    expect([inBand(b, 25.65), inBand(b, 28.35), inBand(b, 28.4), inBand(b, 25.6)]).toEqual([true, true, false, false]);
  });

  it('takes the side of a bare level from the baseline', () => {
    expect(inBand(resolved('55', 48), 56)).toBe(true); // 早诊率 48 → 55: more is better
    expect(inBand(resolved('55', 48), 54)).toBe(false);
    expect(inBand(resolved('10', 10.44), 9.8)).toBe(true); // 过早死亡率 10.44 → 10: less is better
    expect(inBand(resolved('10', 10.44), 10.2)).toBe(false);
    expect(inBand(resolved('100', 100), 100)).toBe(true); // 覆盖率 kept at 100
    expect(resolved('200', null).note).toMatch(/无基线/);
  });

  it('compares ratios as numbers: 1/80 beats a baseline of 1/120', () => {
    const b = resolved('1/80', parseNumber('1/120'));
    expect(inBand(b, parseNumber('1/75')!)).toBe(true);
    expect(inBand(b, parseNumber('1/100')!)).toBe(false);
  });

  it('applies relative targets to the baseline', () => {
    const down = resolved('下降5%', 309.45); // 心脑血管疾病死亡率
    expect(down.max).toBeCloseTo(293.9775, 6);
    expect([inBand(down, 293.9), inBand(down, 300)]).toEqual([true, false]);
    const up = resolved('提高10%', 31.7); // 癌症5年生存率
    expect(up.min).toBeCloseTo(34.87, 6);
    const points = resolved('提高2个百分点', 31.7);
    expect(points.min).toBeCloseTo(33.7, 6);
  });

  it('reads qualitative targets against the baseline', () => {
    const growth = resolved('持续增长', 74); // 人均基本公共卫生服务经费
    expect([inBand(growth, 74), inBand(growth, 80)]).toEqual([false, true]);
    const fall = resolved('有效下降', 11); // 人均每日食盐摄入量
    expect([inBand(fall, 11), inBand(fall, 10.5)]).toEqual([false, true]);
    const hold = resolved('有效控制', 5);
    expect([inBand(hold, 5), inBand(hold, 5.1)]).toEqual([true, false]);
  });

  it('cannot resolve relative or qualitative targets without a baseline', () => {
    expect(resolveTarget(parseTarget('下降5%')!, null)).toMatch(/基线/);
    expect(resolveTarget(parseTarget('持续增长')!, null)).toMatch(/基线/);
  });
});

describe('every target printed in the seeds', () => {
  const dir = repoPath('libs', 'importer', 'fixtures', 'labels', 'indicators');
  const rows = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const label = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as {
        indicators: { name: string; baselineValue: string | null; targets: { year: number; value: string }[] }[];
      };
      return label.indicators.flatMap((i) => i.targets.map((t) => ({ ...t, name: i.name, baseline: i.baselineValue })));
    });

  it('are many, from several plans', () => {
    expect(rows.length).toBeGreaterThan(60);
  });

  it('parse into a measurable spec, and resolve wherever the baseline is a number', () => {
    const unparsed = rows.filter((r) => !parseTarget(r.value)).map((r) => `${r.name}: ${r.value}`);
    expect(unparsed).toEqual([]);
    const unresolved = rows.filter((r) => {
      const band = resolveTarget(parseTarget(r.value)!, parseNumber(r.baseline));
      return typeof band === 'string' && parseNumber(r.baseline) !== null;
    });
    expect(unresolved).toEqual([]);
  });
});
