import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../normalise.js';
import type { MentionResolution } from '../resolve/index.js';
import type { DepartmentTarget } from '../types.js';
import { Assigner, leadRuleLine } from './assign.js';
import { ActorFinder } from './prose-actors.js';

const existing = (departmentKey: string): DepartmentTarget => ({ kind: 'existing', departmentKey });

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
  市政府: { kind: 'department', target: existing('tz.GOVERNMENT') },
  县政府: {
    kind: 'fanout',
    targets: [{ target: existing('tz.a.GOVERNMENT'), jurisdictionKey: 'tz.a' }],
  },
};
const resolve = (mention: string): MentionResolution => KNOWN[mention] ?? { kind: 'unknown' };
const actors = new ActorFinder('卫生计生|公安|民政|教育|政府', ['市卫计局']);

function lines(...text: string[]) {
  return normaliseDocument(text.join('\n')).lines;
}

const summary = (assigner: Assigner, ...text: string[]) =>
  assigner
    .assign(lines(...text))
    .assignments.map(
      (a) => `${a.mentionedAs}:${a.role}:${a.explicit ? 'explicit' : 'prose'}${a.fanOutOf ? `>${a.fanOutOf}` : ''}`,
    );

describe('Assigner', () => {
  const assigner = new Assigner(resolve, actors, null);

  it('resolves every listed name, fanning a collective government out to each child', () => {
    expect(summary(assigner, '1.完善机制。推行模式。（市卫计局牵头，市公安局、各镇街配合）')).toEqual([
      '市卫计局:LEAD:explicit',
      '市公安局:COOPERATING:explicit',
      '各镇街:COOPERATING:explicit>tz.a',
      '各镇街:COOPERATING:explicit>tz.b',
    ]);
  });

  it('reads a list printed on the line after the measure', () => {
    expect(summary(assigner, '1.完善机制。推行模式。', '(市民政局、市教育局负责)')).toEqual([
      '市民政局:RESPONSIBLE:explicit',
      '市教育局:RESPONSIBLE:explicit',
    ]);
  });

  it('splits at 和 only when each part is a known department', () => {
    expect(summary(assigner, '加强工作。（市民政局和市教育局负责）')).toEqual([
      '市民政局:RESPONSIBLE:explicit',
      '市教育局:RESPONSIBLE:explicit',
    ]);
  });

  it('adds actors named in prose unless already assigned explicitly', () => {
    expect(summary(assigner, '卫生计生、民政部门要以妇幼健康服务为平台。公安部门要加强宣传。（市卫计局负责）')).toEqual(
      ['市卫计局:RESPONSIBLE:explicit', '民政部门:RESPONSIBLE:prose', '公安部门:RESPONSIBLE:prose'],
    );
  });

  it("leaves out the plan's own government speaking, but not the children's governments it names", () => {
    expect(summary(assigner, '市政府将加强督查。县政府要落实责任。')).toEqual(['县政府:RESPONSIBLE:prose>tz.a']);
  });

  it('warns on collective and unknown units, naming the line', () => {
    const result = assigner.assign(lines('正文', '加强工作。（市卫计局、各有关部门、市星际局负责）'));
    expect(result.assignments.map((a) => a.mentionedAs)).toEqual(['市卫计局']);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('各有关部门') }),
      expect.objectContaining({ line: 2, message: expect.stringContaining('市星际局') }),
    ]);
    expect(result.warnings[0]!.excerpt).toBe('加强工作。（市卫计局、各有关部门、市星际局负责）');
  });

  it('applies the 下同 rule from the line that states it', () => {
    const plan = lines(
      '1.甲。（市公安局、市民政局负责）',
      '2.乙。（市卫计局、市公安局负责，排在第一位的部门为牵头部门，下同）',
      '3.丙。（市民政局、市教育局负责）',
    );
    const ruled = new Assigner(resolve, null, leadRuleLine(plan));
    expect(ruled.assign([plan[0]!]).assignments.map((a) => a.role)).toEqual(['RESPONSIBLE', 'RESPONSIBLE']);
    expect(ruled.assign([plan[1]!]).assignments.map((a) => a.role)).toEqual(['LEAD', 'COOPERATING']);
    expect(ruled.assign([plan[2]!]).assignments.map((a) => a.role)).toEqual(['LEAD', 'COOPERATING']);
  });
});
