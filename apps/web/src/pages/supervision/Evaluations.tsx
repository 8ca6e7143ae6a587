import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import '../../dayjs-zh';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { asApiError, downloadFile } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { graphql } from '../../graphql';
import { formatDate, formatDateTime } from '../../labels';
import { PlanPicker } from '../leader/PlanPicker';
import { ATTAINMENT_FIELDS, AttainmentTable, SCORECARD_FIELDS, ScorecardTable } from '../leader/Scorecards';

const EVALUATIONS = graphql(
  `
    query Evaluations($planId: ID!) {
      evaluations(planId: $planId) {
        id
        title
        kind
        status
        asOf
        computedAt
        publishedAt
        scorecards {
          ...ScorecardRow
        }
        indicators {
          ...AttainmentRow
        }
      }
    }
  `,
  [SCORECARD_FIELDS, ATTAINMENT_FIELDS],
);

const CREATE = graphql(`
  mutation CreateEvaluation($input: CreateEvaluationInput!) {
    createEvaluation(input: $input) {
      id
    }
  }
`);
const RECOMPUTE = graphql(`
  mutation RecomputeEvaluation($id: ID!, $asOf: Date) {
    recomputeEvaluation(id: $id, asOf: $asOf) {
      id
    }
  }
`);
const PUBLISH = graphql(`
  mutation PublishEvaluation($id: ID!) {
    publishEvaluation(id: $id) {
      id
      status
    }
  }
`);

const KIND: Record<string, string> = { MID_TERM: '中期评估', FINAL: '终期评估' };

/** 考核评估: mid-term and final evaluations of a plan, frozen as of a date, published once. */
export default function Evaluations() {
  const user = useUser();
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  const { message } = App.useApp();
  const [planId, setPlanId] = useState<string | null>(null);
  const q = useQuery(EVALUATIONS, { planId: planId ?? '' }, { skip: !planId });
  const [create, creating] = useMutation(CREATE);
  const [recompute, recomputing] = useMutation(RECOMPUTE);
  const [publish, publishing] = useMutation(PUBLISH);
  const [form] = Form.useForm<{ kind: 'MID_TERM' | 'FINAL'; asOf: Dayjs; title?: string }>();
  const list = q.data?.evaluations ?? [];

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      q.reload();
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  return (
    <div style={{ maxWidth: 1200 }}>
      <h1 className="page-title">考核评估</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <PlanPicker value={planId} onChange={setPlanId} placeholder="选择要评估的规划" />
      </Space>
      {!planId ? (
        <Typography.Paragraph type="secondary">请选择一个已发布的规划。</Typography.Paragraph>
      ) : (
        <>
          {office && (
            <Card size="small" title="新建评估" style={{ marginBottom: 16 }}>
              <Form
                form={form}
                layout="inline"
                initialValues={{ kind: 'MID_TERM', asOf: dayjs() }}
                onFinish={(v) =>
                  act(
                    () =>
                      create({
                        input: {
                          planId,
                          kind: v.kind,
                          asOf: v.asOf.format('YYYY-MM-DD'),
                          title: v.title?.trim() || null,
                        },
                      }),
                    '评估已生成（草稿）',
                  )
                }
              >
                <Form.Item name="kind">
                  <Segmented
                    options={[
                      { label: '中期评估', value: 'MID_TERM' },
                      { label: '终期评估', value: 'FINAL' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="asOf" label="评估基准日" rules={[{ required: true, message: '请选择日期' }]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="title">
                  <Input placeholder="标题（可不填）" style={{ width: 260 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={creating}>
                  生成评估
                </Button>
              </Form>
            </Card>
          )}
          <PageState
            loading={q.loading}
            error={q.error}
            hasData={!!q.data}
            onRetry={q.reload}
            empty={!!q.data && list.length === 0}
            emptyText="该规划还没有评估"
          >
            <Collapse
              items={list.map((e) => ({
                key: e.id,
                label: (
                  <Space wrap>
                    <strong>{e.title}</strong>
                    <Tag>{KIND[e.kind] ?? e.kind}</Tag>
                    <Tag color={e.status === 'PUBLISHED' ? 'green' : 'gold'}>
                      {e.status === 'PUBLISHED' ? '已发布' : '草稿'}
                    </Tag>
                    <Typography.Text type="secondary">基准日 {formatDate(e.asOf)}</Typography.Text>
                  </Space>
                ),
                children: (
                  <>
                    <Space wrap style={{ marginBottom: 12 }}>
                      <Typography.Text type="secondary">
                        计算于 {formatDateTime(e.computedAt)}
                        {e.publishedAt ? `，发布于 ${formatDateTime(e.publishedAt)}` : ''}
                      </Typography.Text>
                      <Button
                        icon={<DownloadOutlined />}
                        onClick={() =>
                          downloadFile(`/exports/evaluations/${e.id}/evaluation.xlsx`, `${e.title}.xlsx`).catch((err) =>
                            message.error(`下载失败：${asApiError(err).message}`),
                          )
                        }
                      >
                        导出 Excel
                      </Button>
                      {office && e.status === 'DRAFT' && (
                        <>
                          <Button
                            loading={recomputing}
                            onClick={() => act(() => recompute({ id: e.id, asOf: null }), '已重新计算')}
                          >
                            重新计算
                          </Button>
                          <Popconfirm
                            title="发布后评估结果将冻结，不能再修改。确认发布？"
                            okText="发布"
                            cancelText="取消"
                            onConfirm={() => act(() => publish({ id: e.id }), '评估已发布')}
                          >
                            <Button type="primary" loading={publishing}>
                              发布评估
                            </Button>
                          </Popconfirm>
                        </>
                      )}
                    </Space>
                    <Typography.Title level={5}>部门得分</Typography.Title>
                    <ScorecardTable rows={e.scorecards} />
                    <Typography.Title level={5} style={{ marginTop: 16 }}>
                      指标完成情况
                    </Typography.Title>
                    <AttainmentTable rows={e.indicators} />
                  </>
                ),
              }))}
            />
          </PageState>
        </>
      )}
    </div>
  );
}
