import { graphql, type ResultOf } from '../../graphql';

export const USERS = graphql(`
  query Users($jurisdictionId: ID, $departmentId: ID) {
    users(jurisdictionId: $jurisdictionId, departmentId: $departmentId) {
      id
      username
      displayName
      role
      active
      department {
        id
        name
      }
      jurisdiction {
        id
        name
      }
    }
  }
`);

export type UserRow = ResultOf<typeof USERS>['users'][number];
export type UserRole = UserRow['role'];
