import { Card, Tag } from 'antd';
import { formatDateTime } from '../../labels';
import type { TaskView } from './task-query';

/** 审核记录: the office's accept/return decisions; nothing shown before the first. */
export function ReviewsCard({ reviews }: { reviews: TaskView['reviews'] }) {
  if (reviews.length === 0) return null;
  return (
    <Card title="审核记录" size="small" style={{ marginBottom: 16 }}>
      {reviews.map((r) => (
        <div key={r.id} style={{ marginBottom: 8 }}>
          <Tag color={r.accepted ? 'success' : 'error'}>{r.accepted ? '通过' : '退回'}</Tag>
          {formatDateTime(r.reviewedAt)}
          {r.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</div>}
        </div>
      ))}
    </Card>
  );
}
