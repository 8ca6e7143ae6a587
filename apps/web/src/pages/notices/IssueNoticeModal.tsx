import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import '../../dayjs-zh';
import dayjs, { type Dayjs } from 'dayjs';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { graphql } from '../../graphql';

const ISSUE = graphql(`
  mutation IssueNotice($input: SupervisionNoticeInput!) {
    issueSupervisionNotice(input: $input) {
      id
      number
    }
  }
`);

export interface NoticeTarget {
  departmentName: string;
  tasks: { id: string; title: string }[];
}

/** 下发督办单: requirements and the date the department's rectification answer is due. */
export function IssueNoticeModal({
  target,
  onClose,
  onIssued,
}: {
  target: NoticeTarget | null;
  onClose(): void;
  onIssued(number: string): void;
}) {
  const [form] = Form.useForm<{ requirements: string; responseDue: Dayjs }>();
  const [issue, busy] = useMutation(ISSUE);
  const { message } = App.useApp();
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    try {
      const { issueSupervisionNotice } = await issue({
        input: {
          taskIds: target.tasks.map((t) => t.id),
          requirements: v.requirements.trim(),
          responseDue: v.responseDue.format('YYYY-MM-DD'),
        },
      });
      message.success(`已下发 ${issueSupervisionNotice.number}`);
      form.resetFields();
      onIssued(issueSupervisionNotice.number);
    } catch (e) {
      message.error(`下发失败：${asApiError(e).message}`);
    }
  };
  return (
    <Modal
      open={!!target}
      title="下发督办单"
      okText="下发"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && (
        <>
          <Typography.Paragraph>
            督办单位：<strong>{target.departmentName}</strong>，涉及 {target.tasks.length} 项任务：
          </Typography.Paragraph>
          <ul style={{ maxHeight: 140, overflow: 'auto', paddingLeft: 20 }}>
            {target.tasks.map((t) => (
              <li key={t.id}>{t.title}</li>
            ))}
          </ul>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ responseDue: dayjs().add(7, 'day') }}
            data-testid="notice-form"
          >
            <Form.Item
              label="督办要求"
              name="requirements"
              rules={[{ required: true, whitespace: true, message: '请填写督办要求' }]}
            >
              <Input.TextArea rows={4} maxLength={4000} id="notice-requirements" />
            </Form.Item>
            <Form.Item label="整改反馈期限" name="responseDue" rules={[{ required: true, message: '请选择反馈期限' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} id="notice-due" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
