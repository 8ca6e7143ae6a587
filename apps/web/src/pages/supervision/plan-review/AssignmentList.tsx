import { Button, Tag } from 'antd';
import { useState } from 'react';
import { ROLE_IN_MEASURE } from '../../../labels';
import { AssignmentRow } from './AssignmentRow';
import type { Assignment, Measure, Role } from './plan-review-queries';
import type { MeasureEdits } from './useMeasureEdits';

interface Group {
  key: string;
  role: Role;
  mentionedAs: string;
  members: Assignment[];
}

/** 各区县政府 fans out to every child government: shown as one line until expanded. */
function groupFanOuts(assignments: Measure['assignments']): Group[] {
  const groups: Group[] = [];
  for (const a of assignments) {
    const key = a.fanOutOf ? `${a.mentionedAs}|${a.role}` : a.id;
    const group = groups.find((g) => g.key === key);
    if (group) group.members.push(a);
    else groups.push({ key, role: a.role, mentionedAs: a.mentionedAs, members: [a] });
  }
  return groups;
}

/** A measure's departments, fan-outs of more than three folded into one line. */
export function AssignmentList({ measure, draft, edits }: { measure: Measure; draft: boolean; edits: MeasureEdits }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  return (
    <div role="list" aria-label={`${measure.code} 的责任单位`}>
      {groupFanOuts(measure.assignments).map((g) =>
        g.members.length > 3 && !expanded.has(g.key) ? (
          <div
            role="listitem"
            key={g.key}
            style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, padding: '4px 0' }}
          >
            <Tag color={ROLE_IN_MEASURE[g.role]?.color}>{ROLE_IN_MEASURE[g.role]?.text}</Tag>
            <span>
              {g.mentionedAs}：分解到 {g.members.length} 个下级政府
            </span>
            <Tag color={g.members.every((m) => m.explicit) ? 'green' : 'orange'}>
              {g.members.every((m) => m.explicit) ? '明确' : '推断'}
            </Tag>
            <Button size="small" type="link" onClick={() => setExpanded((x) => new Set(x).add(g.key))}>
              展开逐个调整
            </Button>
          </div>
        ) : (
          g.members.map((a) => <AssignmentRow key={a.id} assignment={a} draft={draft} edits={edits} />)
        ),
      )}
    </div>
  );
}
