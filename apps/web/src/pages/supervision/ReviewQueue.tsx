import { App, Badge, Button, Card, Empty, Input, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'wouter';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { AlertTags, NoticeTag, RoleTag } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { formatDate, formatDateTime } from '../../labels';
import { ReviewActions } from '../task/ReviewActions';

const QUEUE = graphql(`
  query ReviewQueuePage {
    reviewQueue {
      pendingReviews {
        id
        role
        dueDate
        overdue
        escalationLevel
        progressPercent
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
        }
        plan {
          id
          title
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
      pendingExtensions {
        id
        requestedDueDate
        currentDueDate
        reason
        createdAt
        task {
          id
          dueDate
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

const DECIDE = graphql(`
  mutation DecideExtension($requestId: ID!, $approve: Boolean!, $comment: String) {
    decideExtension(requestId: $requestId, approve: $approve, comment: $comment) {
      id
      status
    }
  }
`);

type Extension = ResultOf<typeof QUEUE>['reviewQueue']['pendingExtensions'][number];

function ExtensionDecision({ request, onDone }: { request: Extension; onDone(): void }) {
  const [comment, setComment] = useState('');
  const [decide, busy] = useMutation(DECIDE);
  const { message } = App.useApp();
  const run = async (approve: boolean) => {
    if (!approve && !comment.trim()) {
      message.warning('不同意延期时请填写理由');
      return;
    }
    try {
      await decide({ requestId: request.id, approve, comment: comment.trim() || null });
      message.success(approve ? '已同意延期，截止日期已更新' : '已驳回延期申请');
      onDone();
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="extension-card">
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <Link to={`/tasks/${request.task.id}`}>
          {request.task.measure.code} {request.task.measure.title}
        </Link>
        <span>
          {request.task.department.name}：申请由 {formatDate(request.currentDueDate)} 延期至{' '}
          <strong>{formatDate(request.requestedDueDate)}</strong>
        </span>
        <Typography.Text type="secondary">
          理由：{request.reason}（{formatDateTime(request.createdAt)} 提交）
        </Typography.Text>
        <Input.TextArea
          rows={2}
          placeholder="审批意见（不同意时必填）"
          aria-label="审批意见"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        <Space>
          <Button type="primary" loading={busy} onClick={() => run(true)}>
            同意延期
          </Button>
          <Button danger loading={busy} onClick={() => run(false)}>
            不同意
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

/** 审核队列: completed work to accept or return, extension requests to decide, oldest first. */
export default function ReviewQueue() {
  const q = useQuery(QUEUE, {});
  const queue = q.data?.reviewQueue;
  return (
    <div style={{ maxWidth: 1000 }}>
      <h1 className="page-title">审核队列</h1>
      <PageState loading={q.loading} error={q.error} hasData={!!queue} onRetry={q.reload}>
        {queue && (
          <Tabs
            items={[
              {
                key: 'reviews',
                label: (
                  <Badge count={queue.pendingReviews.length} offset={[10, 0]}>
                    办结审核
                  </Badge>
                ),
                children:
                  queue.pendingReviews.length === 0 ? (
                    <Empty description="没有待审核的办结任务" />
                  ) : (
                    queue.pendingReviews.map((t) => {
                      const latest = t.reports[0];
                      return (
                        <Card key={t.id} size="small" style={{ marginBottom: 12 }} data-testid="review-card">
                          <Space wrap size={4}>
                            <RoleTag role={t.role} />
                            <AlertTags overdue={t.overdue} escalationLevel={t.escalationLevel} />
                            <NoticeTag notice={t.openNotice} />
                            <Link to={`/tasks/${t.id}`}>
                              {t.measure.code} {t.measure.title}
                            </Link>
                          </Space>
                          <div style={{ color: '#666', margin: '4px 0' }}>
                            {t.department.name} · {t.plan.title} · 截止 {formatDate(t.dueDate)}
                          </div>
                          {latest ? (
                            <div style={{ background: '#fafafa', padding: 8, borderRadius: 4 }}>
                              <Tag color="blue">完成 {latest.progressPercent}%</Tag>
                              <Typography.Text type="secondary">
                                {latest.author.displayName} · {formatDateTime(latest.submittedAt)}
                              </Typography.Text>
                              <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{latest.narrative}</div>
                              {latest.problems && <div>存在问题：{latest.problems}</div>}
                            </div>
                          ) : (
                            <Typography.Text type="warning">未附进展报告</Typography.Text>
                          )}
                          <ReviewActions taskId={t.id} onDone={q.reload} />
                        </Card>
                      );
                    })
                  ),
              },
              {
                key: 'extensions',
                label: (
                  <Badge count={queue.pendingExtensions.length} offset={[10, 0]}>
                    延期审批
                  </Badge>
                ),
                children:
                  queue.pendingExtensions.length === 0 ? (
                    <Empty description="没有待审批的延期申请" />
                  ) : (
                    queue.pendingExtensions.map((x) => <ExtensionDecision key={x.id} request={x} onDone={q.reload} />)
                  ),
              },
            ]}
          />
        )}
      </PageState>
    </div>
  );
}
