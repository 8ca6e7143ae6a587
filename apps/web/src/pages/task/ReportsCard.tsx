import { Card, Empty, Timeline } from 'antd';
import { ReportItem } from './ReportItem';
import type { TaskView } from './task-query';

/** 本部门进展报告: the department's own reports, newest first as the API orders them. */
export function ReportsCard({ task }: { task: Pick<TaskView, 'reports' | 'reportableIndicators'> }) {
  return (
    <Card title={`本部门进展报告（${task.reports.length}）`} size="small" style={{ marginBottom: 16 }}>
      {task.reports.length === 0 ? (
        <Empty description="尚未报送进展" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={task.reports.map((r) => ({
            key: r.id,
            content: <ReportItem report={r} indicators={task.reportableIndicators} />,
          }))}
        />
      )}
    </Card>
  );
}
