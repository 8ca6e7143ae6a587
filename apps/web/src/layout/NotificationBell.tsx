import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { useQuery } from '../api/hooks';
import { graphql } from '../graphql';

const UNREAD = graphql(`
  query UnreadNotifications {
    notifications(unreadOnly: true) {
      id
    }
  }
`);

/** 消息 with the unread count; refreshed every minute and when notifications are marked read. */
export function NotificationBell() {
  const [, navigate] = useLocation();
  const q = useQuery(UNREAD, {});
  const { reload } = q;
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    window.addEventListener('luoshi:notifications', reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener('luoshi:notifications', reload);
    };
  }, [reload]);
  const count = q.data?.notifications.length ?? 0;
  return (
    <Badge count={count} size="small" overflowCount={99}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={count ? `消息，${count} 条未读` : '消息'}
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
