import { graphql } from '../../graphql';

export const PUBLISHED_PLANS = graphql(`
  query PublishedPlans {
    plans(status: PUBLISHED) {
      id
      title
      taskCount
    }
  }
`);

/** 责任矩阵 of one plan: here rather than in the page so the entry can start it early (prefetch). */
export const MATRIX = graphql(`
  query Matrix($planId: ID!) {
    responsibilityMatrix(planId: $planId) {
      plan {
        id
        title
      }
      departments {
        id
        name
        shortName
      }
      measures {
        id
        code
        title
      }
      cells {
        departmentId
        measureId
        taskId
        role
        status
        overdue
        escalationLevel
      }
    }
  }
`);
