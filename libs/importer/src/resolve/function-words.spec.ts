import { describe, expect, it } from '@jest/globals';
import { functionsNamed, functionWordsSource } from './index.js';
import { registry } from './registry.fixture.js';

describe('functionsNamed', () => {
  it.each([
    ['卫生计生、民政部门', ['HEALTH', 'CIVIL_AFFAIRS']],
    ['宣传、网信、新闻出版广电部门', ['PROPAGANDA', 'CYBERSPACE', 'RADIO_TV']],
    [
      '卫生计生、民政、工商和工商联等部门',
      ['HEALTH', 'CIVIL_AFFAIRS', 'MARKET_REGULATION', 'INDUSTRY_COMMERCE_FEDERATION'],
    ],
    [
      '政法、卫生健康、公安、民政、医保、财政、残联、司法等部门',
      [
        'POLITICAL_LEGAL',
        'HEALTH',
        'PUBLIC_SECURITY',
        'CIVIL_AFFAIRS',
        'MEDICAL_SECURITY',
        'FINANCE',
        'DISABLED_FEDERATION',
        'JUSTICE',
      ],
    ],
    ['人力资源社会保障部、财政部、教育部', ['HUMAN_RESOURCES', 'FINANCE', 'EDUCATION']],
    ['卫生计生、卫生计生委', ['HEALTH']],
    ['加强精神障碍的预防', []],
  ])('%s → %j', (words, codes) => {
    expect(functionsNamed(registry, words)).toEqual(codes);
  });
});

describe('functionWordsSource', () => {
  const words = new RegExp(functionWordsSource(registry), 'g');

  it('finds the actors of prose, the longest word first', () => {
    expect('公安部门要依法打击，人力资源社会保障部门要落实'.match(words)).toEqual(['公安', '人力资源社会保障']);
    expect('卫生和计划生育委员会'.match(words)).toEqual(['卫生和计划生育']);
    expect('工商联'.match(words)).toEqual(['工商联']);
  });

  it('is built once per registry', () => {
    expect(functionWordsSource(registry)).toBe(functionWordsSource(registry));
  });
});
