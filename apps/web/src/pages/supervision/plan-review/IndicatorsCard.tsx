import { Card, Table } from 'antd';
import type { Plan } from './plan-review-queries';

/** 主要指标: the plan's indicators with baseline and targets; nothing shown when it has none. */
export function IndicatorsCard({ indicators }: { indicators: Plan['indicators'] }) {
  if (indicators.length === 0) return null;
  return (
    <Card size="small" title={`主要指标（${indicators.length}）`}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 600 }}
        dataSource={indicators}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit', width: 60, render: (v: string | null) => v ?? '' },
          {
            title: '基线',
            width: 90,
            render: (_, i) =>
              i.baselineValue ? `${i.baselineValue}${i.baselineYear ? `（${i.baselineYear}）` : ''}` : '—',
          },
          {
            title: '目标',
            render: (_, i) => i.targets.map((t) => `${t.year}年 ${t.value}`).join('；') || '—',
          },
          {
            title: '属性',
            width: 70,
            render: (_, i) => (i.nature === 'BINDING' ? '约束性' : i.nature === 'EXPECTED' ? '预期性' : '—'),
          },
        ]}
      />
    </Card>
  );
}
