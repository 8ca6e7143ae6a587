import type { ChangedMeasure } from './revision-queries';

/** MeasureChange.kinds in the office's words. */
export const CHANGE_KIND: Record<string, { text: string; color: string }> = {
  ADDED: { text: '新增', color: 'green' },
  REMOVED: { text: '删除', color: 'red' },
  TEXT_CHANGED: { text: '文字修改', color: 'orange' },
  ASSIGNMENTS_CHANGED: { text: '分工调整', color: 'purple' },
  DEADLINE_CHANGED: { text: '时限调整', color: 'gold' },
  MOVED: { text: '位置调整', color: 'blue' },
};

export const MATCHED_BY: Record<string, string> = {
  OFFICE: '人工指定',
  CODE: '按编号',
  TITLE: '按标题',
  SIMILARITY: '按文本相似度',
};

export interface AssignmentChange {
  department: string;
  kind: 'added' | 'removed' | 'role';
  fromRole?: string;
  toRole?: string;
}

/** Department by department: who joins, who leaves, whose role changes. */
export function assignmentChanges(before: ChangedMeasure | null, after: ChangedMeasure | null): AssignmentChange[] {
  const was = new Map((before?.assignments ?? []).map((a) => [a.department.id, a]));
  const now = new Map((after?.assignments ?? []).map((a) => [a.department.id, a]));
  const out: AssignmentChange[] = [];
  for (const [id, a] of now) {
    const old = was.get(id);
    if (!old) out.push({ department: a.department.shortName, kind: 'added', toRole: a.role });
    else if (old.role !== a.role)
      out.push({ department: a.department.shortName, kind: 'role', fromRole: old.role, toRole: a.role });
  }
  for (const [id, a] of was)
    if (!now.has(id)) out.push({ department: a.department.shortName, kind: 'removed', fromRole: a.role });
  return out;
}
