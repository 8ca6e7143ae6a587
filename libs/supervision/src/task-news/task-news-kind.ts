/** Outbox and notification kinds of the news a department hears about its work. */
export enum TaskNewsKind {
  /** 任务下达: a plan published tasks to the department. */
  TASKS_PUBLISHED = 'TASKS_PUBLISHED',
  /** 审核通过 */
  TASK_ACCEPTED = 'TASK_ACCEPTED',
  /** 审核退回, with the office's comment. */
  TASK_RETURNED = 'TASK_RETURNED',
  EXTENSION_APPROVED = 'EXTENSION_APPROVED',
  EXTENSION_REJECTED = 'EXTENSION_REJECTED',
  /** 期限调整 by the office (an approved extension says so itself). */
  DUE_DATE_MOVED = 'DUE_DATE_MOVED',
}
