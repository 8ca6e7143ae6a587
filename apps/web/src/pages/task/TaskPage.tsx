import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Progress,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { AlertTags, NoticeTag, RoleTag, StatusTag } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { dueText, ESCALATION, EXTENSION_STATUS, formatDate, formatDateTime } from '../../labels';
import { ExtensionForm } from './ExtensionForm';
import { ReportForm } from './ReportForm';
import { ReviewActions } from './ReviewActions';
import { TaskFiles } from './TaskFiles';

export const TASK = graphql(`
  query TaskPage($id: ID!) {
    task(id: $id) {
      id
      status
      version
      role
      progressPercent
      dueDate
      originalDueDate
      overdue
      escalationLevel
      openNotice {
        id
        number
      }
      department {
        id
        name
      }
      measure {
        id
        code
        title
        text
        sectionTitle
        sourceLine
        plan {
          id
          title
          documentNumber
          issuer
        }
      }
      reports {
        id
        progressPercent
        narrative
        problems
        nextSteps
        submittedAt
        author {
          id
          displayName
        }
        evidence {
          name
          url
          fileName
        }
        indicatorValues {
          indicatorId
          value
        }
      }
      reportableIndicators {
        id
        name
        unit
        targets {
          year
          value
        }
      }
      reviews {
        id
        accepted
        comment
        reviewedAt
      }
      escalations {
        id
        level
        levelName
        dueDate
        raisedAt
      }
      extensionRequests {
        id
        requestedDueDate
        currentDueDate
        reason
        status
        decisionComment
        createdAt
      }
      cooperatingTasks {
        id
        role
        status
        progressPercent
        dueDate
        overdue
        department {
          id
          name
        }
        reports {
          id
          progressPercent
          narrative
          problems
          nextSteps
          submittedAt
          author {
            id
            displayName
          }
        }
      }
    }
  }
`);

const UPDATE_TASK = graphql(`
  mutation MoveTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      id
      status
      version
      progressPercent
    }
  }
`);

type TaskView = NonNullable<ResultOf<typeof TASK>['task']>;
type Report = TaskView['reports'][number];

const MOVES: Record<string, { to: string; label: string; hint: string }[]> = {
  NOT_STARTED: [{ to: 'IN_PROGRESS', label: '开始办理', hint: '将任务标记为进行中' }],
  IN_PROGRESS: [{ to: 'PENDING_REVIEW', label: '提交审核', hint: '办结后提交督查室审核' }],
};

type Indicator = TaskView['reportableIndicators'][number];

function ReportItem({
  report,
  indicators = [],
}: {
  report: Omit<Report, 'evidence' | 'indicatorValues'> & Partial<Pick<Report, 'evidence' | 'indicatorValues'>>;
  /** Names and units of the indicators the report may carry values of. */
  indicators?: Indicator[];
}) {
  const values = (report.indicatorValues ?? []).flatMap((v) => {
    const indicator = indicators.find((i) => i.id === v.indicatorId);
    return indicator ? [{ ...v, name: indicator.name, unit: indicator.unit }] : [];
  });
  return (
    <div data-testid="report">
      <Space wrap>
        <Typography.Text strong>{formatDateTime(report.submittedAt)}</Typography.Text>
        <Typography.Text type="secondary">{report.author.displayName}</Typography.Text>
        <Tag color="blue">完成 {report.progressPercent}%</Tag>
      </Space>
      <dl style={{ margin: '6px 0 0' }}>
        <dt style={{ color: '#888' }}>进展情况</dt>
        <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{report.narrative}</dd>
        {report.problems && (
          <>
            <dt style={{ color: '#888' }}>存在问题</dt>
            <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{report.problems}</dd>
          </>
        )}
        {report.nextSteps && (
          <>
            <dt style={{ color: '#888' }}>下步计划</dt>
            <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{report.nextSteps}</dd>
          </>
        )}
        {values.length > 0 && (
          <>
            <dt style={{ color: '#888' }}>指标值</dt>
            <dd style={{ margin: '0 0 4px' }} data-testid="report-indicators">
              {values.map((v) => `${v.name} ${v.value}${v.unit ?? ''}`).join('；')}
            </dd>
          </>
        )}
        {report.evidence && report.evidence.length > 0 && (
          <>
            <dt style={{ color: '#888' }}>佐证材料</dt>
            <dd style={{ margin: 0 }}>
              {report.evidence.map((e, i) => (
                <div key={i}>
                  {e.url ? (
                    <a href={e.url} target="_blank" rel="noreferrer noopener">
                      {e.name}
                    </a>
                  ) : (
                    `${e.name}${e.fileName ? `（${e.fileName}）` : ''}`
                  )}
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** A task: the measure's source text, status moves, reports (own and cooperating), extensions, reviews. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const q = useQuery(TASK, { id });
  const [move, moving] = useMutation(UPDATE_TASK);
  const [conflict, setConflict] = useState(false);
  const task = q.data?.task;

  const ownTask = !!task && user.role === 'LIAISON' && user.department?.id === task.department.id;
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  const open = !!task && task.status !== 'COMPLETED' && task.status !== 'CANCELLED';

  const changeStatus = async (to: string, label: string) => {
    if (!task) return;
    setConflict(false);
    try {
      await move({ input: { taskId: task.id, expectedVersion: task.version, status: to as never } });
      message.success(`已${label}`);
      q.reload();
    } catch (e) {
      const err = asApiError(e);
      if (err.code === 'CONFLICT') {
        setConflict(true);
        q.reload();
      } else {
        message.error(err.message);
      }
    }
  };

  return (
    <div style={{ maxWidth: 1200 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => history.back()} style={{ paddingLeft: 0 }}>
        返回
      </Button>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!task}
        onRetry={q.reload}
        empty={!!q.data && !task}
        emptyText="未找到该任务，可能已被删除或不在您的权限范围内"
      >
        {task && (
          <>
            <h1 className="page-title" data-testid="task-title">
              {task.measure.code} {task.measure.title}
            </h1>
            {conflict && (
              <Alert
                type="warning"
                showIcon
                role="alert"
                closable={{ onClose: () => setConflict(false) }}
                style={{ marginBottom: 16 }}
                title="任务已被他人修改"
                description="页面已重新加载为最新内容，请确认后再操作。"
                data-testid="conflict-alert"
              />
            )}
            <Row gutter={[16, 16]}>
              <Col xs={{ span: 24, order: 2 }} lg={{ span: 15, order: 1 }}>
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
                            {task.measure.plan.title}
                            {task.measure.plan.documentNumber ? `（${task.measure.plan.documentNumber}）` : ''}
                          </span>
                        ),
                      },
                      ...(task.measure.sectionTitle
                        ? [{ key: 'section', label: '所在章节', children: task.measure.sectionTitle }]
                        : []),
                      {
                        key: 'code',
                        label: '措施编号',
                        children: `${task.measure.code}（原文第 ${task.measure.sourceLine} 行）`,
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
                    {task.measure.text}
                  </blockquote>
                </Card>

                {ownTask && open && (
                  <Card title="填报进展" size="small" style={{ marginBottom: 16 }}>
                    <ReportForm key={task.version} task={task} onDone={q.reload} />
                  </Card>
                )}

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

                <TaskFiles key={`${task.version}:${task.extensionRequests.length}`} taskId={task.id} />

                <Card
                  title={`配合单位进展（${task.cooperatingTasks.length}）`}
                  size="small"
                  style={{ marginBottom: 16 }}
                  data-testid="cooperating"
                >
                  {task.cooperatingTasks.length === 0 ? (
                    <Empty description="本措施没有其他单位参与" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                  ) : (
                    task.cooperatingTasks.map((c) => (
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
                              <Typography.Text type="secondary">
                                另有 {c.reports.length - 1} 份较早的报告
                              </Typography.Text>
                            )}
                          </div>
                        )}
                      </div>
                    ))
                  )}
                </Card>
              </Col>

              <Col xs={{ span: 24, order: 1 }} lg={{ span: 9, order: 2 }}>
                <Card title="办理情况" size="small" style={{ marginBottom: 16 }}>
                  <Space wrap style={{ marginBottom: 8 }}>
                    <RoleTag role={task.role} />
                    <StatusTag status={task.status} />
                    <AlertTags overdue={task.overdue} escalationLevel={task.escalationLevel} />
                    <NoticeTag notice={task.openNotice} />
                  </Space>
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'dept', label: '责任单位', children: task.department.name },
                      {
                        key: 'due',
                        label: '截止日期',
                        children: (
                          <span data-testid="due-date">
                            {formatDate(task.dueDate)}
                            {open && (
                              <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
                                （{dueText(task.dueDate)}）
                              </Typography.Text>
                            )}
                          </span>
                        ),
                      },
                      ...(task.originalDueDate !== task.dueDate
                        ? [{ key: 'orig', label: '原截止日期', children: formatDate(task.originalDueDate) }]
                        : []),
                      {
                        key: 'progress',
                        label: '完成进度',
                        children: <Progress percent={task.progressPercent} size="small" style={{ minWidth: 120 }} />,
                      },
                    ]}
                  />
                  {ownTask &&
                    (MOVES[task.status] ?? []).map((m) => (
                      <Button
                        key={m.to}
                        type="primary"
                        block
                        loading={moving}
                        onClick={() => changeStatus(m.to, m.label)}
                        title={m.hint}
                        style={{ marginTop: 8 }}
                      >
                        {m.label}
                      </Button>
                    ))}
                  {ownTask && task.status === 'PENDING_REVIEW' && (
                    <Alert style={{ marginTop: 8 }} type="info" showIcon title="已提交督查室审核，请等待审核结果" />
                  )}
                  {office && task.status === 'PENDING_REVIEW' && <ReviewActions taskId={task.id} onDone={q.reload} />}
                </Card>

                {task.escalations.length > 0 && (
                  <Card title="预警与督办记录" size="small" style={{ marginBottom: 16 }} data-testid="escalations">
                    {task.escalations.map((e) => (
                      <div key={e.id} style={{ marginBottom: 4 }}>
                        <Tag color={ESCALATION[e.level]?.color}>
                          {e.level}级·{ESCALATION[e.level]?.text ?? e.levelName}
                        </Tag>
                        {formatDateTime(e.raisedAt)}
                        <Typography.Text type="secondary">（截止日 {formatDate(e.dueDate)}）</Typography.Text>
                      </div>
                    ))}
                  </Card>
                )}

                {task.reviews.length > 0 && (
                  <Card title="审核记录" size="small" style={{ marginBottom: 16 }}>
                    {task.reviews.map((r) => (
                      <div key={r.id} style={{ marginBottom: 8 }}>
                        <Tag color={r.accepted ? 'success' : 'error'}>{r.accepted ? '通过' : '退回'}</Tag>
                        {formatDateTime(r.reviewedAt)}
                        {r.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</div>}
                      </div>
                    ))}
                  </Card>
                )}

                <Card title="延期申请" size="small" style={{ marginBottom: 16 }}>
                  {task.extensionRequests.map((x) => (
                    <div key={x.id} style={{ marginBottom: 8 }}>
                      <Tag color={EXTENSION_STATUS[x.status]?.color}>{EXTENSION_STATUS[x.status]?.text}</Tag>
                      {formatDate(x.currentDueDate)} → {formatDate(x.requestedDueDate)}
                      <div style={{ color: '#666' }}>理由：{x.reason}</div>
                      {x.decisionComment && <div style={{ color: '#666' }}>审批意见：{x.decisionComment}</div>}
                    </div>
                  ))}
                  {task.extensionRequests.length === 0 && !ownTask && (
                    <Typography.Text type="secondary">没有延期申请</Typography.Text>
                  )}
                  {ownTask && open && !task.extensionRequests.some((x) => x.status === 'PENDING') && (
                    <ExtensionForm taskId={task.id} dueDate={task.dueDate} onDone={q.reload} />
                  )}
                </Card>
                {office && <Link to={`/plans/${task.measure.plan.id}`}>查看所属规划</Link>}
              </Col>
            </Row>
          </>
        )}
      </PageState>
    </div>
  );
}
