import { App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { graphql } from '../../graphql';

const REVIEW = graphql(`
  mutation ReviewCompletion($taskId: ID!, $accept: Boolean!, $comment: String) {
    reviewTaskCompletion(taskId: $taskId, accept: $accept, comment: $comment) {
      id
      status
      version
    }
  }
`);

/** 审核: accept completed work, or return it with what must be fixed (a return needs its reason). */
export function ReviewActions({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const [comment, setComment] = useState('');
  const [review, busy] = useMutation(REVIEW);
  const { message } = App.useApp();
  const decide = async (accept: boolean) => {
    if (!accept && !comment.trim()) {
      message.warning('退回时请填写退回意见');
      return;
    }
    try {
      await review({ taskId, accept, comment: comment.trim() || null });
      message.success(accept ? '已审核通过' : '已退回');
      setComment('');
      onDone();
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };
  return (
    <div style={{ marginTop: 8 }}>
      <Input.TextArea
        rows={2}
        placeholder="审核意见（退回时必填）"
        aria-label="审核意见"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" loading={busy} onClick={() => decide(true)}>
          审核通过
        </Button>
        <Button danger loading={busy} onClick={() => decide(false)}>
          退回
        </Button>
      </Space>
    </div>
  );
}
