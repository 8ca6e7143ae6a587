import type { EntityManager } from 'typeorm';
import { DEFAULT_POLICY, policyKey, resolvePolicy, type EscalationPolicy } from '../ladder/escalation-policy.js';

/**
 * Plans sharing one policy. `planIds` null means every plan not listed in another group (the
 * default policy's group), so the sweep's SQL needs no join to plan for most tasks.
 */
export interface PolicyGroup {
  policy: EscalationPolicy;
  planIds: string[] | null;
  /** For the default group: the plans of the other groups, which it leaves out. */
  excludedPlanIds: string[];
}

/** Groups plans by what `keyOf` reads of their policy (the ladder, or the reporting cadence). */
export async function policyGroups(m: EntityManager, keyOf: (p: EscalationPolicy) => string): Promise<PolicyGroup[]> {
  const rows: { id: string; escalation_policy: unknown }[] = await m.query(
    'SELECT id, escalation_policy FROM plan WHERE escalation_policy IS NOT NULL',
  );
  const custom = new Map<string, { policy: EscalationPolicy; planIds: string[] }>();
  for (const row of rows) {
    const policy = resolvePolicy(row.escalation_policy);
    const key = keyOf(policy);
    if (key === keyOf(DEFAULT_POLICY)) continue;
    const group = custom.get(key) ?? { policy, planIds: [] };
    group.planIds.push(row.id);
    custom.set(key, group);
  }
  const groups = [...custom.values()].map((g) => ({ ...g, excludedPlanIds: [] }));
  return [{ policy: DEFAULT_POLICY, planIds: null, excludedPlanIds: groups.flatMap((g) => g.planIds) }, ...groups];
}

export const ladderKey = policyKey;
export const reportKey = (p: EscalationPolicy) => `${p.reportCadence}/${p.reportDueWorkingDay}`;

/**
 * The groups narrowed to `planIds` (a jurisdiction's sweep): each becomes an explicit list of the
 * plans it shares with `planIds`, so the sweep's statements keep their shape (no extra filter).
 */
export function groupsWithin(groups: PolicyGroup[], planIds: string[] | null): PolicyGroup[] {
  if (!planIds) return groups;
  return groups
    .map((g) => {
      const keep = g.planIds ? new Set(g.planIds) : null;
      const left = new Set(g.excludedPlanIds);
      return { ...g, planIds: planIds.filter((id) => (keep ? keep.has(id) : !left.has(id))), excludedPlanIds: [] };
    })
    .filter((g) => g.planIds.length > 0);
}
