import { Card, Empty, Space, Typography } from 'antd';
import { AlertTags, RoleTag, StatusTag } from '../../components/tags';
import { ReportItem } from './ReportItem';
import type { TaskView } from './task-query';

/** 配合单位进展: the other departments on the same measure, each with its latest report. */
export function CooperatingCard({ tasks }: { tasks: TaskView['cooperatingTasks'] }) {
  return (
    <Card title={`配合单位进展（${tasks.length}）`} size="small" style={{ marginBottom: 16 }} data-testid="cooperating">
      {tasks.length === 0 ? (
        <Empty description="本措施没有其他单位参与" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        tasks.map((c) => (
          <div key={c.id} style={{ marginBottom: 16 }}>
            <Space wrap>
              <Typography.Text strong>{c.department.name}</Typography.Text>
              <RoleTag role={c.role} />
              <StatusTag status={c.status} />
              <AlertTags overdue={c.overdue} escalationLevel={0} />
              <Typography.Text type="secondary">完成 {c.progressPercent}%</Typography.Text>
            </Space>
            {c.reports.length === 0 ? (
              <div style={{ color: '#999', marginTop: 4 }}>尚未报送进展</div>
            ) : (
              <div style={{ marginTop: 8, paddingLeft: 12, borderLeft: '2px solid #f0f0f0' }}>
                <ReportItem report={c.reports[0]!} />
                {c.reports.length > 1 && (
                  <Typography.Text type="secondary">另有 {c.reports.length - 1} 份较早的报告</Typography.Text>
                )}
              </div>
            )}
          </div>
        ))
      )}
    </Card>
  );
}
