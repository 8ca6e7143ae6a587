import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { AddAssignment } from './AddAssignment';
import { AssignmentList } from './AssignmentList';
import { MeasureDeadline } from './MeasureDeadline';
import type { Measure } from './plan-review-queries';
import { useMeasureEdits } from './useMeasureEdits';

interface MeasureCardProps {
  measure: Measure;
  draft: boolean;
  selected: boolean;
  departments: { value: string; label: string }[];
  onSelect(): void;
  onChanged(m: Measure): void;
}

/** One measure under review: its text, deadline and departments, editable while the plan is a draft. */
export function MeasureCard({ measure, draft, selected, departments, onSelect, onChanged }: MeasureCardProps) {
  const edits = useMeasureEdits(onChanged);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: selected ? '#b7282e' : undefined }}
      data-testid="measure-card"
      title={
        <Space wrap size={4}>
          <Tag>{measure.code}</Tag>
          <span style={{ whiteSpace: 'normal' }}>{measure.title}</span>
        </Space>
      }
      extra={
        <Button
          size="small"
          type="text"
          icon={<AimOutlined />}
          onClick={onSelect}
          aria-label={`定位 ${measure.code} 的原文`}
        >
          原文第 {measure.sourceLine} 行
        </Button>
      }
    >
      <Typography.Paragraph
        type="secondary"
        ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
        style={{ fontSize: 13, marginBottom: 8 }}
      >
        {measure.text}
      </Typography.Paragraph>
      <MeasureDeadline measure={measure} draft={draft} edits={edits} />
      {measure.assignments.length === 0 && (
        <Alert type="warning" showIcon title="未识别到责任单位，请添加" style={{ marginBottom: 8 }} />
      )}
      <AssignmentList measure={measure} draft={draft} edits={edits} />
      {draft && <AddAssignment measure={measure} departments={departments} edits={edits} />}
    </Card>
  );
}
