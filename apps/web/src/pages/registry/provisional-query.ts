import { graphql, type ResultOf } from '../../graphql';

/** Provisional departments with the documents and measures that named them. */
export const PROVISIONAL = graphql(`
  query ProvisionalDepartments($jurisdictionId: ID) {
    provisionalDepartments(jurisdictionId: $jurisdictionId) {
      department {
        id
        key
        name
        shortName
        functionCode
        aliases
        formerNames
        provisional
        jurisdiction {
          id
          name
        }
      }
      mentionedAs
      taskCount
      mentions {
        planId
        planTitle
        measureId
        measureCode
        measureTitle
        role
      }
    }
  }
`);

export type Provisional = ResultOf<typeof PROVISIONAL>['provisionalDepartments'][number];
