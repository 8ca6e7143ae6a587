import { App, Button, DatePicker, Form, Input } from 'antd';
import '../../dayjs-zh';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { AttachmentDragger } from '../../components/attachments/AttachmentDragger';
import { graphql } from '../../graphql';

const REQUEST_EXTENSION = graphql(`
  mutation RequestExtension($taskId: ID!, $requestedDueDate: Date!, $reason: String!, $attachmentIds: [ID!]) {
    requestExtension(
      taskId: $taskId
      requestedDueDate: $requestedDueDate
      reason: $reason
      attachmentIds: $attachmentIds
    ) {
      id
      status
    }
  }
`);

/** 延期申请: a later due date and the reason; the supervision office decides. */
export function ExtensionForm({ taskId, dueDate, onDone }: { taskId: string; dueDate: string; onDone(): void }) {
  const [open, setOpen] = useState(false);
  const [request, busy] = useMutation(REQUEST_EXTENSION);
  const { message } = App.useApp();
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} block>
        申请延期
      </Button>
    );
  }
  const onFinish = async (v: { requestedDueDate: Dayjs; reason: string; attachmentIds?: string[] }) => {
    try {
      await request({
        taskId,
        requestedDueDate: v.requestedDueDate.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
        attachmentIds: v.attachmentIds ?? [],
      });
      message.success('延期申请已提交，等待督查室审批');
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(`提交失败：${asApiError(e).message}`);
    }
  };
  return (
    <Form layout="vertical" onFinish={onFinish} disabled={busy}>
      <Form.Item label="申请延期至" name="requestedDueDate" rules={[{ required: true, message: '请选择新的截止日期' }]}>
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => !d.isAfter(dayjs(dueDate), 'day')}
          id="extension-date"
        />
      </Form.Item>
      <Form.Item
        label="延期理由"
        name="reason"
        rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} id="extension-reason" />
      </Form.Item>
      <Form.Item label="证明材料（文件）" name="attachmentIds">
        <AttachmentDragger label="延期证明材料" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} style={{ marginRight: 8 }}>
        提交申请
      </Button>
      <Button onClick={() => setOpen(false)}>取消</Button>
    </Form>
  );
}
