import { DEFAULT_POLICY } from '../ladder/escalation-policy.js';
import { groupsWithin, type PolicyGroup } from './policy-groups.js';

describe("groupsWithin (a supervision office's sweep)", () => {
  const strict = { ...DEFAULT_POLICY, dueSoonWorkingDays: 3 };
  const groups: PolicyGroup[] = [
    { policy: DEFAULT_POLICY, planIds: null, excludedPlanIds: ['p2', 'p3'] },
    { policy: strict, planIds: ['p2', 'p3'], excludedPlanIds: [] },
  ];

  it('leaves the groups alone for a sweep of everything', () => {
    expect(groupsWithin(groups, null)).toBe(groups);
  });

  it("turns each group into the explicit list of the office's plans it holds, dropping empty ones", () => {
    expect(groupsWithin(groups, ['p1', 'p3', 'p4'])).toEqual([
      { policy: DEFAULT_POLICY, planIds: ['p1', 'p4'], excludedPlanIds: [] },
      { policy: strict, planIds: ['p3'], excludedPlanIds: [] },
    ]);
    expect(groupsWithin(groups, ['p2'])).toEqual([{ policy: strict, planIds: ['p2'], excludedPlanIds: [] }]);
    expect(groupsWithin(groups, [])).toEqual([]);
  });
});
