import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { graphql } from '../../graphql';
import { PLAN_STATUS } from '../../labels';

export const PLANS = graphql(`
  query Plans($status: PlanStatus) {
    plans(status: $status) {
      id
      title
      status
      documentNumber
      periodStart
      periodEnd
      taskCount
      jurisdiction {
        id
        name
      }
    }
  }
`);

type StatusFilter = 'ALL' | 'DRAFT' | 'PUBLISHED';

/** 规划管理: drafts to review and published plans. */
export default function PlanList() {
  const user = useUser();
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const q = useQuery(PLANS, { status: status === 'ALL' ? null : status });
  const plans = q.data?.plans ?? [];
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          规划管理
        </h1>
        {office && (
          <Link to="/plans/import">
            <Button type="primary" icon={<CloudUploadOutlined />}>
              导入规划
            </Button>
          </Link>
        )}
      </Space>
      <Segmented<StatusFilter>
        value={status}
        onChange={setStatus}
        options={[
          { label: '全部', value: 'ALL' },
          { label: '待审核草稿', value: 'DRAFT' },
          { label: '已发布', value: 'PUBLISHED' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!q.data}
        onRetry={q.reload}
        empty={!!q.data && plans.length === 0}
        emptyText={status === 'DRAFT' ? '没有待审核的草稿' : '暂无规划，请先导入规划文件'}
      >
        <Table
          rowKey="id"
          dataSource={plans}
          loading={q.loading}
          pagination={plans.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 800 }}
          columns={[
            {
              title: '规划名称',
              dataIndex: 'title',
              render: (title: string, p) => <Link to={`/plans/${p.id}`}>{title}</Link>,
            },
            { title: '文号', dataIndex: 'documentNumber', width: 200, render: (v: string | null) => v ?? '—' },
            { title: '行政区划', width: 100, render: (_, p) => p.jurisdiction.name },
            {
              title: '规划期',
              width: 120,
              render: (_, p) => (p.periodStart ? `${p.periodStart}—${p.periodEnd ?? ''}年` : '—'),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (s: string) => <Tag color={PLAN_STATUS[s]?.color}>{PLAN_STATUS[s]?.text ?? s}</Tag>,
            },
            { title: '任务数', dataIndex: 'taskCount', width: 80, align: 'right' },
          ]}
        />
      </PageState>
    </div>
  );
}
