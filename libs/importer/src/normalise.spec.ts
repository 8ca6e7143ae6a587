import { readFileSync } from 'node:fs';
import { normaliseDocument, stripMarkup } from './normalise.js';

describe('normaliseDocument', () => {
  it('strips pinyin glosses and converts Traditional for matching, keeping the original', () => {
    const doc = normaliseDocument(
      '渝府辦發(fā)〔2023〕103號(hào)\n'.repeat(30) + '重慶市精神衛(wèi)生體系建設(shè)三年行動(dòng)計劃',
    );
    const last = doc.lines.at(-1)!;
    expect(doc.traditional).toBe(true);
    expect(last.original).toBe('重慶市精神衛生體系建設三年行動計劃');
    expect(last.text).toBe('重庆市精神卫生体系建设三年行动计划');
  });

  it('keeps real parentheticals and removes Word bookmarks', () => {
    expect(stripMarkup('[bookmark: _Toc1]第一章 规划背景(2023-2025)(%)')).toBe('第一章 规划背景(2023-2025)(%)');
  });

  it('removes the reviewer comments Word exports after a tab', () => {
    expect(stripMarkup('十、积极推进国家级健康促进区创建\tComment by gyb1: 针对修改意见（一）的补充内容')).toBe(
      '十、积极推进国家级健康促进区创建',
    );
  });

  it('keeps 1-based line numbers of the original and leaves Simplified text alone', () => {
    const doc = normaliseDocument('\n\n乾坤 （一）　加强 １２３');
    expect(doc.lines).toEqual([{ no: 3, original: '乾坤 （一）　加强 １２３', text: '乾坤 （一） 加强 123' }]);
  });

  it('reads a seed', () => {
    const raw = readFileSync(new URL('../../../seeds/plans/002_d72ed5decfcbc710.txt', import.meta.url), 'utf8');
    const doc = normaliseDocument(raw);
    expect(doc.traditional).toBe(true);
    expect(doc.lines.some((l) => l.text.includes('市卫生健康委'))).toBe(true);
  });
});
