import { App, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'wouter';
import { asApiError } from '../api/client';
import { useMutation, useQuery } from '../api/hooks';
import { PageState } from '../components/PageState';
import { graphql } from '../graphql';
import { formatDateTime, NOTIFICATION_KIND as KIND } from '../labels';
import { NotificationSettings } from './NotificationSettings';

export const NOTIFICATIONS = graphql(`
  query Notifications($unreadOnly: Boolean) {
    notifications(unreadOnly: $unreadOnly) {
      id
      kind
      message
      createdAt
      readAt
      link
      task {
        id
      }
    }
  }
`);

const MARK_READ = graphql(`
  mutation MarkRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

/** 消息: the caller's notifications, newest first; mark read one by one or all at once. */
export default function Notifications() {
  const [unreadOnly, setUnreadOnly] = useState(true);
  const q = useQuery(NOTIFICATIONS, { unreadOnly });
  const [mark, marking] = useMutation(MARK_READ);
  const { message } = App.useApp();
  const list = q.data?.notifications ?? [];
  const unread = list.filter((n) => !n.readAt).map((n) => n.id);

  const markRead = async (ids: string[]) => {
    try {
      await mark({ ids });
      window.dispatchEvent(new Event('luoshi:notifications'));
      q.reload();
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  return (
    <div style={{ maxWidth: 860 }}>
      <h1 className="page-title">消息</h1>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<boolean>
          value={unreadOnly}
          onChange={setUnreadOnly}
          options={[
            { label: '未读', value: true },
            { label: '全部', value: false },
          ]}
        />
        <Button disabled={unread.length === 0} loading={marking} onClick={() => markRead(unread)}>
          全部标为已读
        </Button>
      </Space>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!q.data}
        onRetry={q.reload}
        empty={!!q.data && list.length === 0}
        emptyText={unreadOnly ? '没有未读消息' : '没有消息'}
      >
        {list.map((n) => (
          <Card key={n.id} size="small" style={{ marginBottom: 8, opacity: n.readAt ? 0.7 : 1 }}>
            <Space wrap>
              <Tag color={KIND[n.kind]?.color}>{KIND[n.kind]?.text ?? n.kind}</Tag>
              <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
              {!n.readAt && <Tag color="red">未读</Tag>}
            </Space>
            <div style={{ margin: '4px 0' }}>{n.message}</div>
            <Space>
              {n.task && <Link to={`/tasks/${n.task.id}`}>查看任务</Link>}
              {n.link && <Link to={n.link}>查看清单</Link>}
              {!n.readAt && (
                <Button size="small" type="link" onClick={() => markRead([n.id])}>
                  标为已读
                </Button>
              )}
            </Space>
          </Card>
        ))}
      </PageState>
      <NotificationSettings />
    </div>
  );
}
