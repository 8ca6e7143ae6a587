import { graphql, type ResultOf } from '../../graphql';

/** Everything the task page shows, in one request. */
export const TASK = graphql(`
  query TaskPage($id: ID!) {
    task(id: $id) {
      id
      status
      version
      role
      progressPercent
      dueDate
      originalDueDate
      overdue
      escalationLevel
      openNotice {
        id
        number
      }
      department {
        id
        name
      }
      measure {
        id
        code
        title
        text
        sectionTitle
        sourceLine
        plan {
          id
          title
          documentNumber
          issuer
        }
      }
      reports {
        id
        progressPercent
        narrative
        problems
        nextSteps
        submittedAt
        author {
          id
          displayName
        }
        evidence {
          name
          url
          fileName
        }
        indicatorValues {
          indicatorId
          value
        }
      }
      reportableIndicators {
        id
        name
        unit
        targets {
          year
          value
        }
      }
      reviews {
        id
        accepted
        comment
        reviewedAt
      }
      escalations {
        id
        level
        levelName
        dueDate
        raisedAt
      }
      extensionRequests {
        id
        requestedDueDate
        currentDueDate
        reason
        status
        decisionComment
        createdAt
      }
      cooperatingTasks {
        id
        role
        status
        progressPercent
        dueDate
        overdue
        department {
          id
          name
        }
        reports {
          id
          progressPercent
          narrative
          problems
          nextSteps
          submittedAt
          author {
            id
            displayName
          }
        }
      }
    }
  }
`);

/** A status move (开始办理, 提交审核), checked against the version the page shows. */
export const UPDATE_TASK = graphql(`
  mutation MoveTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      id
      status
      version
      progressPercent
    }
  }
`);

export type TaskView = NonNullable<ResultOf<typeof TASK>['task']>;
export type Report = TaskView['reports'][number];
export type Indicator = TaskView['reportableIndicators'][number];
