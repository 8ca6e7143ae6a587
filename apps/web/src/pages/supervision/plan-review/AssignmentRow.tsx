import { DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Select, Tag, Tooltip, Typography } from 'antd';
import { ASSIGNMENT_SOURCE, ROLE_IN_MEASURE } from '../../../labels';
import type { Assignment } from './plan-review-queries';
import { ROLE_OPTIONS } from './review-rules';
import type { MeasureEdits } from './useMeasureEdits';

/** One department on a measure: role, explicit (原文括注) or inferred, where it was read; editable in a draft. */
export function AssignmentRow({
  assignment: a,
  draft,
  edits,
}: {
  assignment: Assignment;
  draft: boolean;
  edits: MeasureEdits;
}) {
  return (
    <div
      role="listitem"
      data-testid="assignment"
      data-explicit={a.explicit}
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, padding: '4px 0' }}
    >
      <Tag color={ROLE_IN_MEASURE[a.role]?.color}>{ROLE_IN_MEASURE[a.role]?.text}</Tag>
      <span>{a.department.name}</span>
      <Tooltip title={a.explicit ? '原文括注中明确列出的单位' : '从正文叙述中推断的单位，请核实'}>
        <Tag color={a.explicit ? 'green' : 'orange'} style={{ borderStyle: a.explicit ? 'solid' : 'dashed' }}>
          {a.explicit ? '明确' : '推断'}
        </Tag>
      </Tooltip>
      {a.department.provisional && <Tag color="volcano">新建单位待确认</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="assignment-source">
        {ASSIGNMENT_SOURCE[a.source] ?? a.source}
        {a.mentionedAs && `（原文：${a.mentionedAs}）`}
      </Typography.Text>
      {draft && (
        <span style={{ marginLeft: 'auto', display: 'inline-flex', gap: 4 }}>
          <Select
            size="small"
            value={a.role}
            options={ROLE_OPTIONS}
            style={{ width: 84 }}
            disabled={edits.busy}
            aria-label={`${a.department.name} 的角色`}
            onChange={(role) => edits.changeRole({ assignmentId: a.id, role })}
          />
          <Popconfirm
            title={`从本措施中移除「${a.department.name}」？`}
            okText="移除"
            cancelText="取消"
            onConfirm={() => edits.removeAssignment(a.id)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`移除 ${a.department.name}`} />
          </Popconfirm>
        </span>
      )}
    </div>
  );
}
