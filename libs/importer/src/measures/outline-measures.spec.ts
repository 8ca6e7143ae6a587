import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../normalise.js';
import { buildOutline } from '../outline/outline.js';
import { classifySections } from '../outline/section-kinds.js';
import { measureItems } from './outline-measures.js';

function measureCodes(...text: string[]): string[] {
  const root = buildOutline(normaliseDocument(text.join('\n')).lines);
  return measureItems(root, classifySections(root)).measures.map((m) => m.code);
}

describe('measureItems in a chapter that is no task chapter by its title', () => {
  it('takes an item that names its own lead or responsible unit as a measure', () => {
    expect(
      measureCodes(
        '二、主要任务',
        '1.建设平台。推进建设。（牵头单位：市科技局，配合单位：市财政局）',
        '三、保障措施',
        '2.加强组织领导。统筹协调。（牵头单位：市委组织部）',
        '3.加大投入。增加经费。（责任单位：市财政局）',
        '4.强化宣传。营造氛围。（市委宣传部牵头，市文广局配合）',
      ),
    ).toEqual(['二.1', '三.2', '三.3', '三.4']);
  });

  it('leaves a guarantee item without a list, or naming only cooperating units, a section', () => {
    expect(
      measureCodes(
        '二、主要任务',
        '1.建设平台。推进建设。',
        '三、保障措施',
        '2.加强组织领导。各部门要高度重视（含中医医院）。',
        '3.加强协作。（配合单位：市财政局）',
      ),
    ).toEqual(['二.1']);
  });
});
