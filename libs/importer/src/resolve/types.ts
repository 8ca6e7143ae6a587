// The resolver's answers, shared by its modules and re-exported from index.ts.
import type { DepartmentTarget, Registry } from '../types.js';

export interface MentionContext {
  registry: Registry;
  /** The plan's jurisdiction. */
  jurisdictionKey: string;
}

export type MentionResolution =
  | { kind: 'department'; target: DepartmentTarget }
  /** 市科技和信息化局, 市国土房管局: a bureau whose name joins several functions, one department per function */
  | { kind: 'merged'; targets: DepartmentTarget[] }
  /** 各区县政府, 各县（区）, 各镇街, 各省级人民政府, 各区、县级市: one government per child jurisdiction */
  | { kind: 'fanout'; targets: { target: DepartmentTarget; jurisdictionKey: string }[] }
  /** 各有关部门, 有关单位, 各级政府: no single department can be named; the caller warns */
  | { kind: 'collective'; reason: string }
  | { kind: 'unknown' };
