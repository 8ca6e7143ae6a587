import { App, Card, Segmented, Space, Table, Typography } from 'antd';
import { asApiError } from '../api/client';
import { useMutation, useQuery } from '../api/hooks';
import { PageState } from '../components/PageState';
import { graphql } from '../graphql';
import { NOTIFICATION_KIND as KIND } from '../labels';

const PREFERENCES = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      mode
      chosen
    }
  }
`);

const SET_PREFERENCE = graphql(`
  mutation SetNotificationPreference($kind: String!, $mode: NotificationMode!) {
    setNotificationPreference(kind: $kind, mode: $mode) {
      kind
      mode
      chosen
    }
  }
`);

type Mode = 'IMMEDIATE' | 'DAILY_DIGEST';

/** 接收方式: per kind of message, each at once or one daily digest (每日汇总, sent at 08:00). */
export function NotificationSettings() {
  const q = useQuery(PREFERENCES, {});
  const [save, saving] = useMutation(SET_PREFERENCE);
  const { message } = App.useApp();

  const choose = async (kind: string, mode: Mode) => {
    try {
      await save({ kind, mode });
      q.reload();
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  return (
    <Card size="small" title="接收方式" style={{ marginTop: 24 }} data-testid="notification-settings">
      <Typography.Paragraph type="secondary">
        每类消息可选择逐条即时接收，或每天 8 时汇总为一条（站内消息和邮件；工作群机器人始终即时推送）。
      </Typography.Paragraph>
      <PageState loading={q.loading} error={q.error} hasData={!!q.data} onRetry={q.reload}>
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={q.data?.notificationPreferences ?? []}
          columns={[
            { title: '消息类型', render: (_, p) => KIND[p.kind]?.text ?? p.kind },
            {
              title: '接收方式',
              render: (_, p) => (
                <Space>
                  <Segmented<Mode>
                    size="small"
                    disabled={saving}
                    aria-label={`${KIND[p.kind]?.text ?? p.kind}的接收方式`}
                    value={p.mode}
                    onChange={(mode) => choose(p.kind, mode)}
                    options={[
                      { label: '即时', value: 'IMMEDIATE' },
                      { label: '每日汇总', value: 'DAILY_DIGEST' },
                    ]}
                  />
                  {!p.chosen && <Typography.Text type="secondary">默认</Typography.Text>}
                </Space>
              ),
            },
          ]}
        />
      </PageState>
    </Card>
  );
}
