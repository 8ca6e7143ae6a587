import { Alert, Badge, Button, Card, Col, Progress, Row, Space, Statistic, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { AlertTags, NoticeTag, RoleTag, StatusTag } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { dueText, EXTENSION_STATUS, formatDate } from '../../labels';

const TASK_ROW = graphql(`
  fragment TaskRow on Task {
    id
    status
    role
    progressPercent
    dueDate
    overdue
    escalationLevel
    openNotice {
      id
      number
    }
    measure {
      id
      code
      title
    }
    plan {
      id
      title
    }
  }
`);

const WORK_QUEUE = graphql(
  `
    query WorkQueue {
      workQueue {
        supervisedCount
        openTasks {
          ...TaskRow
        }
        returnedTasks {
          ...TaskRow
          reviews {
            id
            comment
            reviewedAt
          }
        }
        pendingExtensions {
          id
          requestedDueDate
          reason
          status
          task {
            id
            dueDate
            measure {
              id
              title
            }
          }
        }
      }
    }
  `,
  [TASK_ROW],
);

const ALL_TASKS = graphql(
  `
    query MyAllTasks($first: Int!) {
      tasks(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          node {
            ...TaskRow
          }
        }
      }
    }
  `,
  [TASK_ROW],
);

type Row = ResultOf<typeof TASK_ROW>;

function TaskCard({ task, note }: { task: Row; note?: string | null | undefined }) {
  return (
    <Card size="small" className="task-card" style={{ marginBottom: 12 }} data-testid="task-card">
      <Link to={`/tasks/${task.id}`} aria-label={`${task.measure.title}，截止 ${formatDate(task.dueDate)}`}>
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap size={[4, 4]}>
            <RoleTag role={task.role} />
            <StatusTag status={task.status} />
            <AlertTags overdue={task.overdue} escalationLevel={task.escalationLevel} />
          </Space>
          <strong style={{ fontSize: 15 }}>
            {task.measure.code} {task.measure.title}
          </strong>
          <span className="muted ellipsis" style={{ fontSize: 12 }}>
            {task.plan.title}
          </span>
          {note && <Alert type="warning" showIcon title={`退回意见：${note}`} style={{ padding: '4px 8px' }} />}
          <Row align="middle" gutter={8} wrap={false}>
            <Col flex="none">
              <span className={task.overdue ? 'danger' : undefined} style={{ fontSize: 13 }}>
                截止 {formatDate(task.dueDate)}（{dueText(task.dueDate)}）
              </span>
            </Col>
            <Col flex="auto">
              <Progress percent={task.progressPercent} size="small" aria-label="完成进度" />
            </Col>
          </Row>
        </Space>
      </Link>
      {/* Outside the card's link: a link inside a link is no valid markup. */}
      {task.openNotice && (
        <div style={{ marginTop: 6 }}>
          <NoticeTag notice={task.openNotice} />
        </div>
      )}
    </Card>
  );
}

function AllTasks() {
  const [first, setFirst] = useState(50);
  const q = useQuery(ALL_TASKS, { first });
  const edges = q.data?.tasks.edges ?? [];
  return (
    <PageState
      loading={q.loading}
      error={q.error}
      hasData={!!q.data}
      onRetry={q.reload}
      empty={q.data && edges.length === 0}
      emptyText="本部门暂无任务"
    >
      <p className="muted">共 {q.data?.tasks.totalCount ?? 0} 项任务（按截止日期排序）</p>
      {edges.map((e) => (
        <TaskCard key={e.node.id} task={e.node} />
      ))}
      {q.data?.tasks.pageInfo.hasNextPage && (
        <Button block loading={q.loading} onClick={() => setFirst((n) => n + 50)}>
          加载更多
        </Button>
      )}
    </PageState>
  );
}

/** 我的任务: the department's open work by due date, what was returned, pending extension requests. */
export default function MyTasks() {
  const user = useUser();
  const q = useQuery(WORK_QUEUE, {});
  const queue = q.data?.workQueue;
  const open = queue?.openTasks ?? [];
  const overdue = open.filter((t) => t.overdue).length;
  const supervised = queue?.supervisedCount ?? 0;

  return (
    <div style={{ maxWidth: 960 }}>
      <h1 className="page-title">我的任务</h1>
      <p className="muted">{user.department?.name ?? ''}</p>
      <PageState loading={q.loading} error={q.error} hasData={!!queue} onRetry={q.reload}>
        {queue && (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
              <Col xs={12} sm={6}>
                <Card size="small">
                  <Statistic title="待办任务" value={open.length} />
                </Card>
              </Col>
              <Col xs={12} sm={6}>
                <Card size="small">
                  <Statistic
                    title="已逾期"
                    value={overdue}
                    styles={{ content: { color: overdue ? '#cf1322' : undefined } }}
                  />
                </Card>
              </Col>
              <Col xs={12} sm={6}>
                <Card size="small">
                  <Statistic
                    title="被督办"
                    value={supervised}
                    styles={{ content: { color: supervised ? '#cf1322' : undefined } }}
                  />
                </Card>
              </Col>
              <Col xs={12} sm={6}>
                <Card size="small">
                  <Statistic title="被退回" value={queue.returnedTasks.length} />
                </Card>
              </Col>
            </Row>
            <Tabs
              defaultActiveKey="open"
              items={[
                {
                  key: 'open',
                  label: (
                    <Badge count={open.length} offset={[10, 0]} color="#b7282e" showZero={false}>
                      待办
                    </Badge>
                  ),
                  children:
                    open.length === 0 ? (
                      <Alert type="success" showIcon title="本部门暂无待办任务" />
                    ) : (
                      open.map((t) => <TaskCard key={t.id} task={t} />)
                    ),
                },
                {
                  key: 'returned',
                  label: `被退回（${queue.returnedTasks.length}）`,
                  children:
                    queue.returnedTasks.length === 0 ? (
                      <Alert type="info" showIcon title="没有被退回的任务" />
                    ) : (
                      queue.returnedTasks.map((t) => <TaskCard key={t.id} task={t} note={t.reviews[0]?.comment} />)
                    ),
                },
                {
                  key: 'extensions',
                  label: `延期申请（${queue.pendingExtensions.length}）`,
                  children:
                    queue.pendingExtensions.length === 0 ? (
                      <Alert type="info" showIcon title="没有待审批的延期申请" />
                    ) : (
                      queue.pendingExtensions.map((x) => (
                        <Card key={x.id} size="small" style={{ marginBottom: 12 }}>
                          <Space orientation="vertical" size={4}>
                            <Link to={`/tasks/${x.task.id}`}>{x.task.measure.title}</Link>
                            <span>
                              申请延期至 {formatDate(x.requestedDueDate)}（原截止 {formatDate(x.task.dueDate)}）
                              <Tag color={EXTENSION_STATUS[x.status]?.color} style={{ marginLeft: 8 }}>
                                {EXTENSION_STATUS[x.status]?.text}
                              </Tag>
                            </span>
                            <span className="muted">理由：{x.reason}</span>
                          </Space>
                        </Card>
                      ))
                    ),
                },
                { key: 'all', label: '全部任务', children: <AllTasks /> },
              ]}
            />
          </>
        )}
      </PageState>
    </div>
  );
}
