import { ROLE_IN_MEASURE } from '../../../labels';
import type { Measure } from './plan-review-queries';

export const ROLE_OPTIONS = (['LEAD', 'COOPERATING', 'RESPONSIBLE'] as const).map((r) => ({
  value: r,
  label: ROLE_IN_MEASURE[r]!.text,
}));

export const DEADLINE_SOURCE: Record<string, string> = {
  text: '原文写明',
  'plan-end': '取规划期末',
  review: '审核设定',
  none: '未设定',
};

/** A measure the office should look at: no or inferred or provisional departments, no deadline, or a warning in its lines. */
export function needsReview(m: Measure, warningLines: Set<number>, nextLine: number): boolean {
  if (m.assignments.length === 0 || m.assignments.some((a) => !a.explicit || a.department.provisional)) return true;
  if (!m.deadline) return true;
  for (let l = m.sourceLine; l < nextLine; l++) if (warningLines.has(l)) return true;
  return false;
}
