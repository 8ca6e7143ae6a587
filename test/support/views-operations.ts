/** The leaders' views' queries and mutations; their scope table is test/views-access.e2e-spec.ts. */
export const VIEWS_OPERATIONS = [
  'responsibilityMatrix',
  'taskOverview',
  'indicatorAttainment',
  'departmentScorecards',
  'scoringRules',
  'updateScoringRules',
  'evaluations',
  'evaluation',
  'createEvaluation',
  'recomputeEvaluation',
  'publishEvaluation',
];
