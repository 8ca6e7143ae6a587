import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../normalise.js';
import { inlineEnumeration } from './inline-items.js';

const lines = (...text: string[]) => normaliseDocument(text.join('\n')).lines;
const items = (...text: string[]) => inlineEnumeration(lines(...text))?.items.map((i) => i.line.original) ?? null;

describe('inlineEnumeration', () => {
  it('splits a paragraph at （1）（2）… after a lead-in colon, each item up to the next', () => {
    const found = inlineEnumeration(
      lines('四、落实防控要求', '应重点落实：（1）心脑血管防治。普及知识；（2）癌症防治。早筛查。'),
    );
    expect(found?.leadIn.original).toBe('应重点落实：');
    expect(found?.items.map((i) => [i.ordinal, i.line.no, i.line.original])).toEqual([
      [1, 2, '心脑血管防治。普及知识'],
      [2, 2, '癌症防治。早筛查。'],
    ]);
  });

  it('reads half-width and full-width markers alike, in both forms of the line', () => {
    expect(items('包括：(1)甲项工作。(２)乙项工作。')).toEqual(['甲项工作。', '乙项工作。']);
  });

  it('leaves alone a paragraph that names one item, or numbers out of order, or has no lead-in', () => {
    expect(items('包括：（1）甲项工作。')).toBeNull();
    expect(items('包括：（2）甲项工作。（1）乙项工作。')).toBeNull();
    expect(items('（1）甲项工作。（2）乙项工作。')).toBeNull();
    expect(items('完成率（1）和覆盖率（2）两项。')).toBeNull();
  });

  it('skips a marker that is no item: a citation inside an item', () => {
    expect(items('重点：（1）甲，见附件（3）。（2）乙。')).toEqual(['甲，见附件（3）。', '乙。']);
  });
});
