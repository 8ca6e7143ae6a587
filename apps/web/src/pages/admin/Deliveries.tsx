import { App, Button, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { graphql, type ResultOf } from '../../graphql';
import { formatDateTime, NOTIFICATION_KIND } from '../../labels';
import { QueueDashboardLink } from './QueueDashboardLink';

const DELIVERIES = graphql(`
  query Deliveries($status: DeliveryStatus!) {
    notificationDeliveries(status: $status, first: 200) {
      id
      channel
      status
      kind
      subject
      recipient
      attempts
      retries
      lastError
      createdAt
      sentAt
    }
  }
`);

const RETRY = graphql(`
  mutation RetryDelivery($id: ID!) {
    retryNotificationDelivery(id: $id) {
      id
      status
      retries
    }
  }
`);

type Status = 'DEAD' | 'PENDING' | 'SENT';
type Delivery = ResultOf<typeof DELIVERIES>['notificationDeliveries'][number];

const CHANNEL: Record<string, string> = { EMAIL: '邮件', WEBHOOK: '群机器人' };

/**
 * 投递记录: the e-mail and webhook sends, the dead letters (死信) first — those whose every try failed.
 * Once the target is fixed, an administrator sends one again; the worker picks it up within a moment.
 */
export default function Deliveries() {
  const [status, setStatus] = useState<Status>('DEAD');
  const q = useQuery(DELIVERIES, { status });
  const [retry] = useMutation(RETRY);
  const [retrying, setRetrying] = useState<string>();
  const { message } = App.useApp();
  const list = q.data?.notificationDeliveries ?? [];

  const sendAgain = async (d: Delivery) => {
    setRetrying(d.id);
    try {
      await retry({ id: d.id });
      message.success('已重新排队发送');
      q.setData((data) => ({ notificationDeliveries: data.notificationDeliveries.filter((x) => x.id !== d.id) }));
    } catch (e) {
      message.error(asApiError(e).message);
      q.reload();
    } finally {
      setRetrying(undefined);
    }
  };

  return (
    <div>
      <QueueDashboardLink />
      <h1 className="page-title">投递记录</h1>
      <Segmented<Status>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[
          { label: '发送失败', value: 'DEAD' },
          { label: '待发送', value: 'PENDING' },
          { label: '已发送', value: 'SENT' },
        ]}
      />
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!q.data}
        onRetry={q.reload}
        empty={!!q.data && list.length === 0}
        emptyText={status === 'DEAD' ? '没有发送失败的投递' : '没有投递'}
      >
        <Table<Delivery>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={list}
          columns={[
            { title: '渠道', dataIndex: 'channel', width: 90, render: (c: string) => CHANNEL[c] ?? c },
            {
              title: '类型',
              dataIndex: 'kind',
              width: 100,
              render: (k: string) => <Tag color={NOTIFICATION_KIND[k]?.color}>{NOTIFICATION_KIND[k]?.text ?? k}</Tag>,
            },
            { title: '接收方', dataIndex: 'recipient', width: 180 },
            { title: '标题', dataIndex: 'subject' },
            {
              title: '尝试',
              dataIndex: 'attempts',
              width: 80,
              render: (n: number, d) => (d.retries ? `${n}（重发 ${d.retries}）` : n),
            },
            {
              title: status === 'SENT' ? '发送时间' : '最后错误',
              key: 'outcome',
              render: (_: unknown, d) =>
                status === 'SENT' ? (
                  formatDateTime(d.sentAt)
                ) : (
                  <Typography.Text type="danger">{d.lastError ?? '—'}</Typography.Text>
                ),
            },
            { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
            ...(status === 'DEAD'
              ? [
                  {
                    title: '操作',
                    key: 'retry',
                    width: 100,
                    render: (_: unknown, d: Delivery) => (
                      <Button size="small" loading={retrying === d.id} onClick={() => sendAgain(d)}>
                        重新发送
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </PageState>
    </div>
  );
}
