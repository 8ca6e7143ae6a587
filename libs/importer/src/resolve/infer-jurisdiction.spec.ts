import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseDocument } from '../normalise.js';
import { inferJurisdiction } from './index.js';
import { registry } from './registry.fixture.js';

const PLANS = fileURLToPath(new URL('../../../../seeds/plans/', import.meta.url));

function headerOf(file: string): string[] {
  return normaliseDocument(readFileSync(PLANS + file, 'utf8'))
    .lines.slice(0, 15)
    .map((l) => l.text);
}

describe('inferJurisdiction', () => {
  it.each([
    ['000', 'suqian'], // no document number: the title 宿迁市慢性病防治中长期规划
    ['001', 'tengzhou'], // 滕政办发〔2017〕174号, before the 枣政办发 it cites
    ['002', 'chongqing'], // 渝府辦發〔2023〕103號, Traditional
    ['003', 'shuozhou'], // 朔政发〔2022〕14号
    ['004', 'xiangshan'], // title 相山区“十四五”卫生与健康规划
  ])('seed %s belongs to %s', (prefix, key) => {
    const file = readdirSync(PLANS).find((f) => f.startsWith(prefix))!;
    expect(inferJurisdiction(registry, headerOf(file))).toBe(key);
  });

  it.each([
    [['国务院关于做好当前和今后一个时期', '促进就业工作的若干意见', '国发〔2018〕39号']],
    [['国务院办公厅关于开展', '城镇小区配套幼儿园治理工作的通知', '国办发〔2019〕3号']],
    [['国务院办公厅关于加强三级公立医院绩效考核工作的意见']],
  ])('national documents belong to cn: %j', (lines) => {
    expect(inferJurisdiction(registry, lines)).toBe('cn');
  });

  it('reads document numbers in their other bracket forms and Traditional names', () => {
    expect(inferJurisdiction(registry, ['苏政发[2020]12号'])).toBe('jiangsu');
    expect(inferJurisdiction(registry, ['重慶市人民政府辦公廳'])).toBe('chongqing');
  });

  it('takes the most specific of names run together: 江苏省宿迁市', () => {
    expect(inferJurisdiction(registry, ['江苏省宿迁市人民政府办公室文件'])).toBe('suqian');
  });

  it('returns null when the header names no known jurisdiction', () => {
    expect(
      inferJurisdiction(registry, ['徐州市卫生健康委员会', '关于做好健康教育工作的通知', '徐卫发〔2020〕1号']),
    ).toBeNull();
    expect(inferJurisdiction(registry, [])).toBeNull();
  });
});
