import { graphql, type ResultOf } from '../../../graphql';

export const MEASURE_FIELDS = graphql(`
  fragment ReviewMeasure on Measure {
    id
    code
    title
    text
    sectionTitle
    sourceLine
    deadline
    deadlineSource
    assignments {
      id
      role
      explicit
      mentionedAs
      fanOutOf
      source
      department {
        id
        name
        shortName
        provisional
      }
    }
  }
`);

export const PLAN = graphql(
  `
    query PlanReview($id: ID!) {
      plan(id: $id) {
        id
        title
        status
        documentNumber
        issuer
        periodStart
        periodEnd
        taskCount
        startLine
        endLine
        sourceText
        jurisdiction {
          id
          name
        }
        importWarnings {
          line
          message
          excerpt
        }
        measures {
          ...ReviewMeasure
        }
        indicators {
          id
          name
          unit
          category
          baselineYear
          baselineValue
          nature
          sourceLine
          targets {
            year
            value
          }
        }
      }
    }
  `,
  [MEASURE_FIELDS],
);

export const DEPARTMENTS = graphql(`
  query ReviewDepartments {
    departments {
      id
      name
      shortName
      jurisdiction {
        id
        name
      }
    }
  }
`);

export const ADD = graphql(
  `
    mutation AddAssignment($measureId: ID!, $departmentId: ID!, $role: AssignmentRole!) {
      addAssignment(measureId: $measureId, departmentId: $departmentId, role: $role) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
export const REMOVE = graphql(
  `
    mutation RemoveAssignment($assignmentId: ID!) {
      removeAssignment(assignmentId: $assignmentId) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
export const CHANGE_ROLE = graphql(
  `
    mutation ChangeAssignmentRole($assignmentId: ID!, $role: AssignmentRole!) {
      changeAssignmentRole(assignmentId: $assignmentId, role: $role) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
export const SET_DEADLINE = graphql(
  `
    mutation SetMeasureDeadline($measureId: ID!, $deadline: Date!) {
      setMeasureDeadline(measureId: $measureId, deadline: $deadline) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
export const PUBLISH = graphql(`
  mutation PublishPlan($planId: ID!) {
    publishPlan(planId: $planId) {
      id
      status
      taskCount
    }
  }
`);

export type Plan = NonNullable<ResultOf<typeof PLAN>['plan']>;
export type Measure = ResultOf<typeof MEASURE_FIELDS>;
export type Role = Measure['assignments'][number]['role'];
export type Assignment = Measure['assignments'][number];
