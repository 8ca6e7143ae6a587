/** 登记表: the registry spreadsheet's sheet and columns (header row 1), as agreed with the console. */
export const REGISTRY_SHEET = '登记表';

export const REGISTRY_COLUMNS = {
  jurisdiction: '行政区划',
  level: '层级',
  parent: '上级行政区划',
  jurisdictionAliases: '行政区划别名',
  department: '部门全称',
  shortName: '部门简称',
  functionCode: '职能代码',
  departmentAliases: '部门别名',
} as const;

export type RegistryColumn = keyof typeof REGISTRY_COLUMNS;

export const REGISTRY_HEADERS = Object.values(REGISTRY_COLUMNS);

/** The template's example: a city of a province that the seeded registry holds. */
export const EXAMPLE_ROW: Record<RegistryColumn, string> = {
  jurisdiction: '广州市',
  level: 'CITY',
  parent: '广东省',
  jurisdictionAliases: '穗、广州',
  department: '广州市发展和改革委员会',
  shortName: '市发展改革委',
  functionCode: 'DEVELOPMENT_REFORM',
  departmentAliases: '市发改委',
};

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Aliases in one cell: separated by 、 or a comma (half- or full-width) or a semicolon. */
export function splitAliases(cell: string): string[] {
  return cell
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
