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

export enum IndicatorNature {
  /** 预期性 */
  EXPECTED = 'EXPECTED',
  /** 约束性 */
  BINDING = 'BINDING',
}
registerEnumType(IndicatorNature, { name: 'IndicatorNature' });
