import { BellOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { whenQuiet } from '../api/client';
import { useQuery } from '../api/hooks';
import { graphql } from '../graphql';

const UNREAD = graphql(`
  query UnreadNotifications {
    notifications(unreadOnly: true) {
      id
    }
  }
`);

/**
 * 消息 with the unread count; refreshed every minute and when notifications are marked read. The first
 * count is asked for once the page's own requests are answered (it is never what a page waits for).
 */
export function NotificationBell() {
  const [, navigate] = useLocation();
  const [ready, setReady] = useState(false);
  useEffect(() => whenQuiet(() => setReady(true)), []);
  const q = useQuery(UNREAD, {}, { skip: !ready });
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
    <span className="badge">
      <button
        type="button"
        className="btn btn-text btn-icon"
        aria-label={count ? `消息，${count} 条未读` : '消息'}
        onClick={() => navigate('/notifications')}
      >
        <BellOutlined />
      </button>
      {count > 0 && (
        <sup className="badge-count" aria-hidden>
          {count > 99 ? '99+' : count}
        </sup>
      )}
    </span>
  );
}
