import { describe, expect, it } from '@jest/globals';
import { parseAssignmentList, splitNames } from './explicit-list.js';
import { parentheticals } from './parentheticals.js';

const units = (content: string, leadRule = false) =>
  parseAssignmentList(content, leadRule)?.units.map((u) => `${u.name}:${u.role}`);

describe('parseAssignmentList', () => {
  it('reads lead and cooperating units', () => {
    expect(units('市综治办、市卫计局、市公安局牵头，市民政局、市财政局、市人社局配合')).toEqual([
      '市综治办:LEAD',
      '市卫计局:LEAD',
      '市公安局:LEAD',
      '市民政局:COOPERATING',
      '市财政局:COOPERATING',
      '市人社局:COOPERATING',
    ]);
    expect(units('市卫计局牵头，市发改局等配合')).toEqual(['市卫计局:LEAD', '市发改局:COOPERATING']);
    expect(units('农业农村部、工业和信息化部牵头负责')).toEqual(['农业农村部:LEAD', '工业和信息化部:LEAD']);
  });

  it('reads responsible lists in their forms', () => {
    expect(units('市卫计局、市委宣传部负责')).toEqual(['市卫计局:RESPONSIBLE', '市委宣传部:RESPONSIBLE']);
    expect(units('责任单位：市发展改革委、市卫生健康委，各区县政府')).toEqual([
      '市发展改革委:RESPONSIBLE',
      '市卫生健康委:RESPONSIBLE',
      '各区县政府:RESPONSIBLE',
    ]);
    expect(units('牵头单位：市卫健委；配合单位：市财政局、市医保局')).toEqual([
      '市卫健委:LEAD',
      '市财政局:COOPERATING',
      '市医保局:COOPERATING',
    ]);
    expect(units('市民政局、市卫健委按职责分工负责')).toEqual(['市民政局:RESPONSIBLE', '市卫健委:RESPONSIBLE']);
    expect(units('责任单位：市卫健委（牵头）、市财政局')).toEqual(['市卫健委:LEAD', '市财政局:COOPERATING']);
  });

  it('states and applies the rule that the first unit of a 负责 list leads', () => {
    const stated = parseAssignmentList('税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同', false)!;
    expect(stated.statesLeadRule).toBe(true);
    expect(stated.units.map((u) => u.role)).toEqual(['LEAD', 'COOPERATING', 'COOPERATING']);
    expect(
      parseAssignmentList('人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同', false)!.statesLeadRule,
    ).toBe(true);
    expect(units('海关总署、商务部负责', true)).toEqual(['海关总署:LEAD', '商务部:COOPERATING']);
    expect(units('各有关部门和单位，各省级人民政府按职责分工负责', true)).toEqual([
      '各有关部门和单位:LEAD',
      '各省级人民政府:COOPERATING',
    ]);
  });

  it('keeps what follows 等 as a collective, and leaves names with parentheses whole', () => {
    expect(parseAssignmentList('人力资源社会保障部、财政部、教育部等有关部门和单位负责', true)).toEqual({
      units: [
        { name: '人力资源社会保障部', role: 'LEAD' },
        { name: '财政部', role: 'COOPERATING' },
        { name: '教育部', role: 'COOPERATING' },
      ],
      collectives: ['有关部门和单位'],
      statesLeadRule: false,
    });
    const namesOf = (segment: string) => splitNames(segment).names.map((n) => n.name);
    const printedOf = (segment: string) => splitNames(segment).names.map((n) => n.printedAs);
    expect(namesOf('各县（市、区）人民政府、市卫健委')).toEqual(['各县（市、区）人民政府', '市卫健委']);
    // The 各 of 各区 (各有关区) governs the kind of child named after it; both print as the one collective.
    expect(namesOf('市民政局、各区、县级市')).toEqual(['市民政局', '各区', '各县级市']);
    expect(printedOf('市民政局、各区、县级市')).toEqual(['市民政局', '各区、县级市', '各区、县级市']);
    expect(printedOf('各区，县级市政府')).toEqual(['各区，县级市政府', '各区，县级市政府']);
    expect(printedOf('各县、区、镇')).toEqual(['各县、区、镇', '各县、区、镇', '各县、区、镇']);
    expect(namesOf('市农业局、各有关区、县级市')).toEqual(['市农业局', '各有关区', '各有关县级市']);
    expect(namesOf('市民政局、县级市')).toEqual(['市民政局', '县级市']);
  });

  it.each([
    '含中医医院，下同',
    '以下简称耐药结核病',
    '2023—2025年',
    '市精神卫生中心',
    '负责辖区内技术指导',
    '由市卫健委负责组织实施',
  ])('is no list: %s', (content) => {
    expect(parseAssignmentList(content, false)).toBeNull();
  });
});

describe('parentheticals', () => {
  it('finds top-level groups with nested ones inside', () => {
    expect(parentheticals('加强建设（含县（区）级）。（市卫计局负责）').map((g) => g.content)).toEqual([
      '含县（区）级',
      '市卫计局负责',
    ]);
  });

  it('skips a parenthesis the document never closed', () => {
    expect(parentheticals('重点学科（??疲?。到2025年建成。（责任单位：市卫生健康委）').map((g) => g.content)).toEqual([
      '责任单位：市卫生健康委',
    ]);
  });
});
