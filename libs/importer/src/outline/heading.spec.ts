import { describe, expect, it } from '@jest/globals';
import { parseChineseNumeral, toChineseNumeral } from './chinese-numeral.js';
import { parseDigitTitledItem, parseHeading } from './heading.js';

describe('parseHeading', () => {
  it.each([
    ['第三章 主要任务', '第章', 3, '第三章', '主要任务'],
    ['第一章\t规划背景', '第章', 1, '第一章', '规划背景'],
    ['三、工作措施', 'cn', 3, '三', '工作措施'],
    ['十二、加强卫生健康人才队伍建设', 'cn', 12, '十二', '加强卫生健康人才队伍建设'],
    ['（一）全面加强严重精神障碍救治救助。', 'paren-cn', 1, '（一）', '全面加强严重精神障碍救治救助。'],
    ['(四)宣传普及精神卫生知识。', 'paren-cn', 4, '（四）', '宣传普及精神卫生知识。'],
    ['1．开展全民健康教育。加强社区', 'num', 1, '1', '开展全民健康教育。加强社区'],
    ['1.完善患者救治与随访服务机制。', 'num', 1, '1', '完善患者救治与随访服务机制。'],
    ['4、提高随访服务质量。', 'num', 4, '4', '提高随访服务质量。'],
    ['１０．中医药强市建设进一步推进。', 'num', 10, '10', '中医药强市建设进一步推进。'],
    ['（3）慢性呼吸系统疾病防治行动。', 'paren-num', 3, '（3）', '慢性呼吸系统疾病防治行动。'],
  ])('%s', (line, kind, ordinal, marker, rest) => {
    expect(parseHeading(line)).toEqual({ kind, ordinal, marker, rest });
  });

  it('reads a dot without its number as a numbered item of unknown number', () => {
    expect(parseHeading('.推进电子健康卡创新应用')).toEqual({
      kind: 'num',
      ordinal: NaN,
      marker: '',
      rest: '推进电子健康卡创新应用',
    });
  });

  it('reads 专栏 boxes', () => {
    expect(parseHeading('专栏3“十四五”时期重点项目')).toMatchObject({ kind: 'box', marker: '专栏3' });
  });

  it.each([
    '1.5亿元用于…',
    '2025年，体系完整',
    '1 |',
    '2022531',
    '一是基层医疗基础不强。',
    '十三五”以来，朔州市委',
    '（2018－2025年）',
    '（此件公开发布）',
    '1朔州市“十四五”公共卫生体系建设主要目标',
  ])('%s is no heading', (line) => {
    expect(parseHeading(line)).toBeNull();
  });
});

describe('parseDigitTitledItem', () => {
  it('reads the item the numbering expects whose title starts with digits', () => {
    expect(parseHeading('11.121人才梯队项目。重点培养')).toBeNull();
    expect(parseDigitTitledItem('11.121人才梯队项目。重点培养', 11)).toEqual({
      kind: 'num',
      ordinal: 11,
      marker: '11',
      rest: '121人才梯队项目。重点培养',
    });
    expect(parseDigitTitledItem('１１．121人才梯队项目', 11)?.marker).toBe('11');
  });

  it.each([
    ['11.121人才梯队项目', 12],
    ['1.5亿元用于…', 1],
    ['3.5%以上', 3],
    ['2.35万人次', 2],
    ['4.2公里道路', 4],
    ['1.2.3', 1],
    ['5.20', 5],
  ])('%s is no item %d', (line, expected) => {
    expect(parseDigitTitledItem(line, expected)).toBeNull();
  });
});

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百零三', 103],
  ])('%s is %d and back', (numeral, n) => {
    expect(parseChineseNumeral(numeral)).toBe(n);
    if (n < 100) expect(toChineseNumeral(n)).toBe(numeral);
  });
});
