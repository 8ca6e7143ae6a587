import { App, Button } from 'antd';
import { useState } from 'react';
import { asApiError, openQueueDashboard } from '../../api/client';

/** 队列看板: the worker queues (bull-board) behind the deliveries, for an ADMIN chasing a stuck one. */
export function QueueDashboardLink() {
  const { message } = App.useApp();
  const [opening, setOpening] = useState(false);
  const open = async () => {
    setOpening(true);
    try {
      await openQueueDashboard();
    } catch (e) {
      message.error(asApiError(e).message);
    } finally {
      setOpening(false);
    }
  };
  return (
    <Button loading={opening} onClick={open} style={{ float: 'right' }}>
      队列看板
    </Button>
  );
}
