import { Card, Descriptions, Typography } from 'antd';
import type { TaskView } from './task-query';

/** 任务来源: the plan, section and measure the task comes from, with the measure's own words. */
export function SourceCard({ measure }: { measure: TaskView['measure'] }) {
  return (
    <Card title="任务来源" size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'plan',
            label: '所属规划',
            children: (
              <span>
                {measure.plan.title}
                {measure.plan.documentNumber ? `（${measure.plan.documentNumber}）` : ''}
              </span>
            ),
          },
          ...(measure.sectionTitle ? [{ key: 'section', label: '所在章节', children: measure.sectionTitle }] : []),
          {
            key: 'code',
            label: '措施编号',
            children: `${measure.code}（原文第 ${measure.sourceLine} 行）`,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        原文
      </Typography.Title>
      <blockquote
        className="source-text"
        style={{ borderLeft: '3px solid #b7282e', paddingLeft: 12, background: '#fafafa' }}
        data-testid="measure-text"
      >
        {measure.text}
      </blockquote>
    </Card>
  );
}
