import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../normalise.js';
import type { MentionResolution } from '../resolve/index.js';
import type { DepartmentTarget } from '../types.js';
import { Assigner, leadRuleLine, type KeepUnit } from './assign.js';
import { ActorFinder } from './prose-actors.js';

const existing = (departmentKey: string): DepartmentTarget => ({ kind: 'existing', departmentKey });
const taxation = (): DepartmentTarget => ({
  kind: 'provisional',
  departmentKey: 'tz.TAXATION',
  jurisdictionKey: 'tz',
  functionCode: 'TAXATION',
  name: '滕州市税务局',
  shortName: '市税务局',
});

// A registry in miniature: the resolver's answers for the names these tests use.
const KNOWN: Record<string, MentionResolution> = {
  市卫计局: { kind: 'department', target: existing('tz.HEALTH') },
  卫生计生部门: { kind: 'department', target: existing('tz.HEALTH') },
  市公安局: { kind: 'department', target: existing('tz.PUBLIC_SECURITY') },
  公安部门: { kind: 'department', target: existing('tz.PUBLIC_SECURITY') },
  市民政局: { kind: 'department', target: existing('tz.CIVIL_AFFAIRS') },
  民政部门: { kind: 'department', target: existing('tz.CIVIL_AFFAIRS') },
  市教育局: { kind: 'department', target: existing('tz.EDUCATION') },
  各镇街: {
    kind: 'fanout',
    targets: [
      { target: existing('tz.a.GOVERNMENT'), jurisdictionKey: 'tz.a' },
      { target: existing('tz.b.GOVERNMENT'), jurisdictionKey: 'tz.b' },
    ],
  },
  各有关部门: { kind: 'collective', reason: '泛指' },
  // A function the registry has no department of in tz: both names fall on the catalogue's placeholder.
  市国税局: { kind: 'department', target: taxation() },
  市地税局: { kind: 'department', target: taxation() },
  市政府: { kind: 'department', target: existing('tz.GOVERNMENT') },
  县政府: {
    kind: 'fanout',
    targets: [{ target: existing('tz.a.GOVERNMENT'), jurisdictionKey: 'tz.a' }],
  },
};
const resolve = (mention: string): MentionResolution => KNOWN[mention] ?? { kind: 'unknown' };
// What the resolver keeps of a name it cannot place: here any name of a bureau (…局).
const keep: KeepUnit = (name) =>
  name.endsWith('局')
    ? {
        kind: 'provisional',
        departmentKey: `tz.~${name}`,
        jurisdictionKey: 'tz',
        functionCode: 'OTHER',
        name,
        shortName: name,
      }
    : null;
const actors = new ActorFinder('卫生计生|公安|民政|教育|政府', ['市卫计局']);

function lines(...text: string[]) {
  return normaliseDocument(text.join('\n')).lines;
}

const summary = (assigner: Assigner, ...text: string[]) =>
  assigner
    .assign(lines(...text))
    .assignments.map((a) => `${a.mentionedAs}:${a.role}:${a.source}${a.fanOutOf ? `>${a.fanOutOf}` : ''}`);

describe('Assigner', () => {
  const assigner = new Assigner(resolve, keep, actors, null);

  it('resolves every listed name, fanning a collective government out to each child', () => {
    expect(summary(assigner, '1.完善机制。推行模式。（市卫计局牵头，市公安局、各镇街配合）')).toEqual([
      '市卫计局:LEAD:LIST',
      '市公安局:COOPERATING:LIST',
      '各镇街:COOPERATING:FAN_OUT>tz.a',
      '各镇街:COOPERATING:FAN_OUT>tz.b',
    ]);
  });

  it('reads a list printed on the line after the measure', () => {
    expect(summary(assigner, '1.完善机制。推行模式。', '(市民政局、市教育局负责)')).toEqual([
      '市民政局:RESPONSIBLE:LIST',
      '市教育局:RESPONSIBLE:LIST',
    ]);
  });

  it('splits at 和 only when each part is a known department', () => {
    expect(summary(assigner, '加强工作。（市民政局和市教育局负责）')).toEqual([
      '市民政局:RESPONSIBLE:LIST',
      '市教育局:RESPONSIBLE:LIST',
    ]);
  });

  it('adds actors named in prose unless already assigned explicitly', () => {
    expect(summary(assigner, '卫生计生、民政部门要以妇幼健康服务为平台。公安部门要加强宣传。（市卫计局负责）')).toEqual(
      ['市卫计局:RESPONSIBLE:LIST', '民政部门:RESPONSIBLE:PROSE', '公安部门:RESPONSIBLE:PROSE'],
    );
  });

  it("leaves out the plan's own government speaking, but not the children's governments it names", () => {
    expect(summary(assigner, '市政府将加强督查。县政府要落实责任。')).toEqual(['县政府:RESPONSIBLE:FAN_OUT>tz.a']);
  });

  it('warns on collective units, naming the line', () => {
    const result = assigner.assign(lines('正文', '加强工作。（市卫计局、各有关部门负责）'));
    expect(result.assignments.map((a) => a.mentionedAs)).toEqual(['市卫计局']);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('各有关部门') }),
    ]);
    expect(result.warnings[0]!.excerpt).toBe('加强工作。（市卫计局、各有关部门负责）');
  });

  it('keeps a listed unit the registry lacks as a provisional department with its role, announced once', () => {
    const own = new Assigner(resolve, keep, actors, null);
    const first = own.assign(lines('加强工作。（市星际局牵头，市卫计局配合）'));
    expect(first.assignments).toEqual([
      {
        role: 'LEAD',
        mentionedAs: '市星际局',
        explicit: true,
        source: 'LIST',
        target: expect.objectContaining({ kind: 'provisional', departmentKey: 'tz.~市星际局', functionCode: 'OTHER' }),
      },
      expect.objectContaining({ mentionedAs: '市卫计局', role: 'COOPERATING' }),
    ]);
    expect(first.warnings).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('已作为待确认部门保留') }),
    ]);
    const again = own.assign(lines('推进工作。（市星际局负责）'));
    expect(again.assignments.map((a) => `${a.mentionedAs}:${a.role}`)).toEqual(['市星际局:RESPONSIBLE']);
    expect(again.warnings).toEqual([]);
  });

  it('warns on a listed name that is no unit', () => {
    const result = assigner.assign(lines('加强工作。（市星际站负责）'));
    expect(result.assignments).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('市星际站') })]);
  });

  it('splits at 和 names that read as units when the whole is none', () => {
    expect(summary(assigner, '加强工作。（市星际局和市卫计局负责）')).toEqual([
      '市星际局:RESPONSIBLE:LIST',
      '市卫计局:RESPONSIBLE:LIST',
    ]);
  });

  it('applies the 下同 rule from the line that states it', () => {
    const plan = lines(
      '1.甲。（市公安局、市民政局负责）',
      '2.乙。（市卫计局、市公安局负责，排在第一位的部门为牵头部门，下同）',
      '3.丙。（市民政局、市教育局负责）',
    );
    const ruled = new Assigner(resolve, keep, null, leadRuleLine(plan));
    expect(ruled.assign([plan[0]!]).assignments.map((a) => a.role)).toEqual(['RESPONSIBLE', 'RESPONSIBLE']);
    expect(ruled.assign([plan[1]!]).assignments.map((a) => a.role)).toEqual(['LEAD', 'COOPERATING']);
    expect(ruled.assign([plan[2]!]).assignments.map((a) => a.role)).toEqual(['LEAD', 'COOPERATING']);
  });

  describe('two printed names of one function the registry lacks, in one list', () => {
    const keys = (result: { assignments: { mentionedAs: string; target: DepartmentTarget }[] }) =>
      result.assignments.map((a) => `${a.mentionedAs}>${a.target.departmentKey}`);

    it('keeps both: the first on the placeholder of the function, the other under its printed name', () => {
      const own = new Assigner(resolve, keep, null, null);
      const result = own.assign(lines('加强工作。（牵头单位：市卫计局，配合单位：市国税局、市地税局）'));
      expect(keys(result)).toEqual(['市卫计局>tz.HEALTH', '市国税局>tz.TAXATION', '市地税局>tz.~市地税局']);
      expect(result.assignments.at(-1)).toMatchObject({ role: 'COOPERATING', source: 'LIST', explicit: true });
      expect(result.warnings).toEqual([
        expect.objectContaining({ message: expect.stringContaining('「市地税局」不在部门登记表中') }),
      ]);
    });

    it('keeps one printed name on one department throughout the plan, measures before the list included', () => {
      const plan = lines(
        '1.甲。（市地税局负责）',
        '2.乙。（市国税局、市地税局负责）',
        '3.丙。（市地税局、市国税局负责）',
      );
      const own = new Assigner(resolve, keep, null, null);
      own.learnLists(plan);
      expect(plan.map((line) => keys(own.assign([line])))).toEqual([
        ['市地税局>tz.~市地税局'],
        ['市国税局>tz.TAXATION', '市地税局>tz.~市地税局'],
        ['市地税局>tz.~市地税局', '市国税局>tz.TAXATION'],
      ]);
    });

    it('leaves apart lists alone: one name in each list stays on the placeholder', () => {
      const own = new Assigner(resolve, keep, null, null);
      expect(keys(own.assign(lines('1.甲。（市国税局负责）', '（市地税局配合）')))).toEqual([
        '市国税局>tz.TAXATION',
        '市地税局>tz.TAXATION',
      ]);
    });
  });
});
