/** Account administration's queries and mutations; their scope table is test/accounts.e2e-spec.ts. */
export const ACCOUNTS_OPERATIONS = ['users', 'setUserActive', 'resetUserPassword', 'updateUser'];
