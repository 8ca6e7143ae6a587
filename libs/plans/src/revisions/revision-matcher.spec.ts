import { compareMeasures, orderKept, type ComparedMeasure } from './revision-matcher.js';
import { similarity } from './text-similarity.js';

const measure = (id: string, ordinal: number, code: string, text: string, more: Partial<ComparedMeasure> = {}) => ({
  id,
  ordinal,
  code,
  title: text.split('。')[0]!,
  text,
  deadline: null,
  assignments: [{ departmentId: 'health', role: 'RESPONSIBLE' }],
  ...more,
});

describe('similarity (character-bigram Dice)', () => {
  it('is 1 for the same text whatever its spacing and punctuation, 0 for texts sharing no bigram', () => {
    expect(similarity('加强 健康教育。', '加强健康教育')).toBe(1);
    expect(similarity('加强健康教育', '规范宣传工作')).toBe(0);
  });

  it('counts shared bigrams once per occurrence', () => {
    // 甲乙甲乙: 甲乙×2, 乙甲×1; 甲乙: 甲乙×1 → 2·1 / (3 + 1)
    expect(similarity('甲乙甲乙', '甲乙')).toBe(0.5);
  });
});

describe('orderKept', () => {
  it('keeps the longest run in order: the one taken out of line is the one that moved', () => {
    expect([...orderKept([0, 1, 4, 2, 3])].sort()).toEqual([0, 1, 2, 3]);
    expect(orderKept([])).toEqual(new Set());
  });
});

describe('compareMeasures', () => {
  const a = measure('a', 0, '三.（一）.1', '完善患者救治与随访服务机制。推行病重治疗在医院的服务模式。');
  const b = measure('b', 1, '三.（一）.2', '建立健全肇事肇祸精神障碍患者收治管理机制。畅通收治渠道。');
  const c = measure('c', 2, '三.（一）.3', '提高救治救助保障水平。做好基本医疗保险的衔接。');

  it('does not match a shifted code to an unrelated measure: the dropped one is REMOVED, the next only renumbered', () => {
    const draft = [
      { ...a, id: 'A' },
      { ...c, id: 'C', ordinal: 1, code: '三.（一）.2' },
    ];
    const pairs = compareMeasures([a, b, c], draft);
    expect(pairs.map((p) => [p.before?.id ?? null, p.after?.id ?? null, p.kinds, p.matchedBy])).toEqual([
      ['a', 'A', [], 'CODE'],
      ['b', null, ['REMOVED'], null],
      ['c', 'C', [], 'TITLE'],
    ]);
  });

  it('finds a reworded measure by its likeness, and says what changed about it', () => {
    const reworded = {
      ...b,
      id: 'B',
      code: '三.（二）.9',
      title: '健全肇事肇祸患者收治管理机制',
      text: '健全肇事肇祸精神障碍患者收治管理机制。畅通收治渠道。',
      deadline: '2019-12-31',
      assignments: [{ departmentId: 'police', role: 'LEAD' }],
    };
    const [pair] = compareMeasures([b], [reworded]);
    expect(pair!.matchedBy).toBe('SIMILARITY');
    expect(pair!.kinds).toEqual(['TEXT_CHANGED', 'ASSIGNMENTS_CHANGED', 'DEADLINE_CHANGED', 'MOVED']);
  });

  it('leaves texts less alike than the threshold unmatched: one ADDED, one REMOVED', () => {
    const other = measure('X', 0, '三.（九）.1', '开展全民心理健康素养提升行动。');
    expect(compareMeasures([c], [other]).map((p) => p.kinds)).toEqual([['REMOVED'], ['ADDED']]);
  });

  it("follows the office's correction over every automatic rule, both ways", () => {
    const draft = [
      { ...a, id: 'A' },
      { ...b, id: 'B' },
    ];
    const forced = compareMeasures([a, b], draft, new Map([['A', 'b']]));
    expect(forced.map((p) => [p.before?.id ?? null, p.after?.id ?? null, p.matchedBy])).toEqual([
      ['a', null, null],
      ['b', 'A', 'OFFICE'],
      [null, 'B', null],
    ]);
    const unmatched = compareMeasures([a], [{ ...a, id: 'A' }], new Map([['A', null]]));
    expect(unmatched.map((p) => [p.kinds, p.matchedBy])).toEqual([
      [['REMOVED'], null],
      [['ADDED'], 'OFFICE'],
    ]);
  });

  it('marks a measure taken out of its order as MOVED, not the ones it passed', () => {
    const draft = [
      { ...c, id: 'C', ordinal: 0 },
      { ...a, id: 'A', ordinal: 1 },
      { ...b, id: 'B', ordinal: 2 },
    ];
    const moved = compareMeasures([a, b, c], draft).map((p) => [p.after!.id, p.kinds]);
    expect(moved).toEqual([
      ['C', ['MOVED']],
      ['A', []],
      ['B', []],
    ]);
  });
});
