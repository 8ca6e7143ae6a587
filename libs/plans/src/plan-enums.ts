import { registerEnumType } from '@nestjs/graphql';

export enum PlanStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(PlanStatus, { name: 'PlanStatus' });

export enum AssignmentRole {
  /** 牵头 answers for the measure */
  LEAD = 'LEAD',
  /** 配合 contributes to it */
  COOPERATING = 'COOPERATING',
  /** 负责 / 责任单位 one of a flat list of answerable units */
  RESPONSIBLE = 'RESPONSIBLE',
}
registerEnumType(AssignmentRole, { name: 'AssignmentRole' });

/** How an assignment was found. */
export enum AssignmentSource {
  /** An explicit list: （…牵头，…配合）, （责任单位：…）, a breakdown table's columns; or added by hand in review */
  LIST = 'LIST',
  /** An actor named in prose: 公安部门要… */
  PROSE = 'PROSE',
  /** The measure named no one: the plan's lead department answers for it */
  PLAN_DEFAULT = 'PLAN_DEFAULT',
  /** One child government of a collective such as 各区县政府 */
  FAN_OUT = 'FAN_OUT',
}
registerEnumType(AssignmentSource, { name: 'AssignmentSource' });

export enum IndicatorNature {
  /** 预期性 */
  EXPECTED = 'EXPECTED',
  /** 约束性 */
  BINDING = 'BINDING',
}
registerEnumType(IndicatorNature, { name: 'IndicatorNature' });
