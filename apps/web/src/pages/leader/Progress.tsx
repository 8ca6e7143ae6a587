import { Button, Card, Col, Drawer, Progress as Bar, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'wouter';
import { usePaged, useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { AlertTags, StatusTag } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { formatDate, todayInShanghai } from '../../labels';
import { PlanPicker } from './PlanPicker';

const OVERVIEW = graphql(`
  query Overview($groupBy: OverviewGrouping!, $planId: ID, $asOf: Date) {
    taskOverview(groupBy: $groupBy, planId: $planId, asOf: $asOf) {
      asOf
      totals {
        notStarted
        inProgress
        pendingReview
        completed
        cancelled
        total
        overdue
      }
      rows {
        departmentId
        planId
        department {
          id
          name
        }
        plan {
          id
          title
        }
        notStarted
        inProgress
        pendingReview
        completed
        cancelled
        total
        overdue
      }
    }
  }
`);

const ROW_TASKS = graphql(`
  query OverviewTasks($filter: TaskFilter!, $first: Int!, $after: String) {
    tasks(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          status
          dueDate
          overdue
          escalationLevel
          department {
            id
            name
          }
          measure {
            id
            code
            title
          }
        }
      }
    }
  }
`);

type Row = ResultOf<typeof OVERVIEW>['taskOverview']['rows'][number];
interface Drill {
  title: string;
  departmentId: string | null;
  planId: string | null;
  overdueOnly: boolean;
}

function DrillDrawer({ drill, asOf, onClose }: { drill: Drill | null; asOf: string; onClose(): void }) {
  const filter = {
    departmentId: drill?.departmentId ?? null,
    planId: drill?.planId ?? null,
    overdueAsOf: drill?.overdueOnly ? asOf : null,
  };
  const list = usePaged(ROW_TASKS, { filter, first: 50 }, (d) => d.tasks, { skip: !drill });
  return (
    <Drawer open={!!drill} onClose={onClose} title={drill?.title} size={560}>
      {drill && (
        <PageState
          loading={list.loading}
          error={list.error}
          hasData={list.loaded}
          onRetry={list.reload}
          empty={list.loaded && list.rows.length === 0}
          emptyText="没有任务"
        >
          <Typography.Paragraph type="secondary">共 {list.totalCount} 项</Typography.Paragraph>
          {list.rows.map((t) => (
            <div key={t.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Link to={`/tasks/${t.id}`}>
                {t.measure.code} {t.measure.title}
              </Link>
              <div>
                <Typography.Text type="secondary">
                  {t.department.name} · 截止 {formatDate(t.dueDate)}
                </Typography.Text>{' '}
                <StatusTag status={t.status} />
                <AlertTags overdue={t.overdue} escalationLevel={t.escalationLevel} />
              </div>
            </div>
          ))}
          {list.hasMore && (
            <Button block onClick={list.more} loading={list.loading} style={{ marginTop: 8 }}>
              加载更多
            </Button>
          )}
        </PageState>
      )}
    </Drawer>
  );
}

/** 任务进展: the jurisdiction's tasks by status and overdue, per department or per plan; numbers open the tasks. */
export default function Progress() {
  const [groupBy, setGroupBy] = useState<'DEPARTMENT' | 'PLAN'>('DEPARTMENT');
  const [planId, setPlanId] = useState<string | null>(null);
  const asOf = todayInShanghai();
  const q = useQuery(OVERVIEW, { groupBy, planId, asOf });
  const [drill, setDrill] = useState<Drill | null>(null);
  const o = q.data?.taskOverview;
  const name = (r: Row) => r.department?.name ?? r.plan?.title ?? '—';
  const open = (r: Row, overdueOnly: boolean) =>
    setDrill({
      title: `${name(r)}${overdueOnly ? ' · 逾期任务' : ' · 全部任务'}`,
      departmentId: r.departmentId ?? null,
      planId: r.planId ?? planId,
      overdueOnly,
    });

  return (
    <div>
      <h1 className="page-title">任务进展</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(v as 'DEPARTMENT' | 'PLAN')}
          options={[
            { label: '按部门', value: 'DEPARTMENT' },
            { label: '按规划', value: 'PLAN' },
          ]}
        />
        {groupBy === 'DEPARTMENT' && <PlanPicker value={planId} onChange={setPlanId} allowAll />}
      </Space>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!o}
        onRetry={q.reload}
        empty={!!o && o.rows.length === 0}
        emptyText="还没有任务"
      >
        {o && (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
              {[
                ['任务总数', o.totals.total],
                ['已完成', o.totals.completed],
                ['进行中', o.totals.inProgress + o.totals.pendingReview],
                ['未开始', o.totals.notStarted],
                ['逾期', o.totals.overdue],
              ].map(([label, value]) => (
                <Col key={label} xs={12} sm={8} md={4}>
                  <Card size="small">
                    <Statistic
                      title={label}
                      value={value}
                      styles={{ content: { color: label === '逾期' && Number(value) > 0 ? '#cf1322' : undefined } }}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary">截至 {formatDate(o.asOf)}，逾期最多的排在前面</Typography.Paragraph>
            <Table
              rowKey={(r) => r.departmentId ?? r.planId ?? name(r)}
              size="small"
              dataSource={o.rows}
              pagination={o.rows.length > 30 ? { pageSize: 30 } : false}
              scroll={{ x: 900 }}
              columns={[
                { title: groupBy === 'DEPARTMENT' ? '单位' : '规划', render: (_, r) => name(r) },
                {
                  title: '任务',
                  width: 80,
                  align: 'right',
                  render: (_, r) => (
                    <Button type="link" size="small" onClick={() => open(r, false)}>
                      {r.total}
                    </Button>
                  ),
                },
                { title: '未开始', dataIndex: 'notStarted', width: 80, align: 'right' },
                { title: '进行中', dataIndex: 'inProgress', width: 80, align: 'right' },
                { title: '待审核', dataIndex: 'pendingReview', width: 80, align: 'right' },
                { title: '已完成', dataIndex: 'completed', width: 80, align: 'right' },
                {
                  title: '逾期',
                  width: 80,
                  align: 'right',
                  render: (_, r) =>
                    r.overdue ? (
                      <Button type="link" danger size="small" onClick={() => open(r, true)}>
                        {r.overdue}
                      </Button>
                    ) : (
                      0
                    ),
                },
                {
                  title: '完成率',
                  width: 160,
                  render: (_, r) => (
                    <Bar
                      percent={r.total ? Math.round((r.completed / (r.total - r.cancelled || 1)) * 100) : 0}
                      size="small"
                    />
                  ),
                },
              ]}
            />
          </>
        )}
      </PageState>
      <DrillDrawer drill={drill} asOf={asOf} onClose={() => setDrill(null)} />
    </div>
  );
}
