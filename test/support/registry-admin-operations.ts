/** Registry administration's queries and mutations; their scope table is test/registry-admin.e2e-spec.ts. */
export const REGISTRY_ADMIN_OPERATIONS = [
  'createJurisdiction',
  'updateJurisdiction',
  'createDepartment',
  'updateDepartment',
  'confirmDepartment',
  'mergeDepartments',
  'previewDepartmentMerge',
  'provisionalDepartments',
];
