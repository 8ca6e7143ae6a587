// A city onboarded through the API rather than seeds/registry: 广州市 with the aliases an administrator types
// (穗 is its one-character abbreviation, as in 穗府办), two districts and a few departments, one of them renamed.
import type { DepartmentEntry, Registry } from '../types.js';
import { registry as seedRegistry } from './registry.fixture.js';

function department(functionCode: string, name: string, shortName: string, aliases: string[] = []): DepartmentEntry {
  return { key: `guangzhou.${functionCode}`, jurisdictionKey: 'guangzhou', functionCode, name, shortName, aliases };
}

export const guangzhou: Registry = {
  jurisdictions: [
    { key: 'cn', name: '中华人民共和国', level: 'NATION', parentKey: null, aliases: ['全国', '国家'] },
    { key: 'guangdong', name: '广东省', level: 'PROVINCE', parentKey: 'cn', aliases: ['广东'] },
    { key: 'guangzhou', name: '广州市', level: 'CITY', parentKey: 'guangdong', aliases: ['穗', '广州'] },
    { key: 'guangzhou.yuexiu', name: '越秀区', level: 'DISTRICT', parentKey: 'guangzhou', aliases: ['越秀'] },
    { key: 'guangzhou.tianhe', name: '天河区', level: 'DISTRICT', parentKey: 'guangzhou', aliases: ['天河'] },
  ],
  functions: seedRegistry.functions,
  departments: [
    department('GOVERNMENT', '广州市人民政府', '市政府', ['市人民政府']),
    department('DEVELOPMENT_REFORM', '广州市发展和改革委员会', '市发展改革委', ['市发改委']),
    // Renamed in 2019: its earlier names stay as aliases.
    department('HEALTH', '广州市卫生健康委员会', '市卫生健康委', ['市卫生计生委', '广州市卫生和计划生育委员会']),
    department('HUMAN_RESOURCES', '广州市人力资源和社会保障局', '市人力资源社会保障局', ['市人力资源和社会保障局']),
    department('SCIENCE_TECH', '广州市科学技术局', '市科技局'),
    department('INDUSTRY_IT', '广州市工业和信息化局', '市工业和信息化局', ['市工信局']),
    department('NATURAL_RESOURCES', '广州市规划和自然资源局', '市规划和自然资源局'),
    department('HOUSING_CONSTRUCTION', '广州市住房和城乡建设局', '市住房城乡建设局'),
  ],
};
