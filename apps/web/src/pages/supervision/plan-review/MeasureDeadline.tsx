import { DatePicker, Space, Tag } from 'antd';
import '../../../dayjs-zh';
import dayjs from 'dayjs';
import { formatDate } from '../../../labels';
import type { Measure } from './plan-review-queries';
import { DEADLINE_SOURCE } from './review-rules';
import type { MeasureEdits } from './useMeasureEdits';

/** 完成时限 and where it came from; a date picker while the plan is a draft. */
export function MeasureDeadline({ measure, draft, edits }: { measure: Measure; draft: boolean; edits: MeasureEdits }) {
  return (
    <Space wrap style={{ marginBottom: 8 }}>
      <span>完成时限：</span>
      {draft ? (
        <DatePicker
          size="small"
          value={measure.deadline ? dayjs(measure.deadline) : null}
          allowClear={false}
          disabled={edits.busy}
          aria-label={`${measure.code} 完成时限`}
          onChange={(d) => d && edits.setDeadline({ measureId: measure.id, deadline: d.format('YYYY-MM-DD') })}
        />
      ) : (
        <strong>{formatDate(measure.deadline)}</strong>
      )}
      <Tag color={measure.deadlineSource === 'none' ? 'error' : 'default'}>
        {DEADLINE_SOURCE[measure.deadlineSource] ?? measure.deadlineSource}
      </Tag>
    </Space>
  );
}
