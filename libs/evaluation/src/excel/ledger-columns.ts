/**
 * 部门台账 the department ledger a liaison downloads, fills in and uploads again: the headers both
 * directions agree on. The upload finds its columns by these headers, wherever they stand.
 */
export const LEDGER = {
  taskId: '任务ID',
  version: '版本',
  plan: '规划',
  code: '措施编号',
  measure: '措施',
  role: '角色',
  dueDate: '期限',
  status: '状态',
  currentProgress: '当前进度(%)',
  /** The open notice the task is under (被督办). */
  notice: '督办单',
  narrative: '进展情况',
  problems: '存在问题',
  nextSteps: '下步计划',
  progress: '进度(%)',
} as const;

/** What an uploaded ledger must have to be read at all. */
export const UPLOAD_HEADERS = [
  LEDGER.taskId,
  LEDGER.version,
  LEDGER.narrative,
  LEDGER.problems,
  LEDGER.nextSteps,
  LEDGER.progress,
] as const;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
