import { graphql, type ResultOf } from '../../../graphql';

const CHANGE_MEASURE = graphql(`
  fragment RevisionMeasure on Measure {
    id
    code
    title
    text
    sectionTitle
    deadline
    assignments {
      id
      role
      department {
        id
        shortName
      }
    }
  }
`);

const DIFF_FIELDS = graphql(
  `
    fragment RevisionDiffFields on PlanRevisionDiff {
      published {
        id
        title
        revision
        measures {
          id
          code
          title
        }
      }
      draft {
        id
        title
        revision
        status
      }
      changes {
        kinds
        matchedBy
        similarity
        before {
          ...RevisionMeasure
        }
        after {
          ...RevisionMeasure
        }
      }
    }
  `,
  [CHANGE_MEASURE],
);

export const REVISION_DIFF = graphql(
  `
    query PlanRevisionDiff($id: ID!) {
      planRevisionDiff(draftPlanId: $id) {
        ...RevisionDiffFields
      }
    }
  `,
  [DIFF_FIELDS],
);

export const SET_MATCH = graphql(
  `
    mutation SetMeasureMatch($draftMeasureId: ID!, $publishedMeasureId: ID) {
      setMeasureMatch(draftMeasureId: $draftMeasureId, publishedMeasureId: $publishedMeasureId) {
        ...RevisionDiffFields
      }
    }
  `,
  [DIFF_FIELDS],
);

export const RESET_MATCH = graphql(
  `
    mutation ResetMeasureMatch($draftMeasureId: ID!) {
      resetMeasureMatch(draftMeasureId: $draftMeasureId) {
        ...RevisionDiffFields
      }
    }
  `,
  [DIFF_FIELDS],
);

export const PLAN_REVISIONS = graphql(`
  query PlanRevisions($id: ID!) {
    plan(id: $id) {
      id
      status
      revision
      revisionOf {
        id
        title
        revision
      }
      revisions {
        revision
        title
        fileName
        publishedBy
        publishedAt
        sourceText
      }
    }
  }
`);

export type RevisionDiff = ResultOf<typeof DIFF_FIELDS>;
export type Change = RevisionDiff['changes'][number];
export type ChangedMeasure = NonNullable<Change['before']>;
