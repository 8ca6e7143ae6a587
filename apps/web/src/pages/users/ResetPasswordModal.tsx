import { App, Form, Input, Modal, Typography } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { graphql } from '../../graphql';
import type { UserRow } from './users-query';

const RESET = graphql(`
  mutation ResetUserPassword($userId: ID!, $password: String!) {
    resetUserPassword(userId: $userId, password: $password) {
      id
    }
  }
`);

/** 重置密码: a new password, typed twice; the account's existing sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose(): void }) {
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const [reset, busy] = useMutation(RESET);
  const { message } = App.useApp();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await reset({ userId: user.id, password: v.password });
      message.success(`已重置 ${user.username} 的密码`);
      onClose();
    } catch (e) {
      message.error(`重置失败：${asApiError(e).message}`);
    }
  };

  return (
    <Modal
      open
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        重置后该账号已登录的会话立即失效，请将新密码告知本人。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label="新密码" name="password" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}>
          <Input.Password id="reset-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再次输入"
          name="repeat"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入不一致')),
            }),
          ]}
        >
          <Input.Password id="reset-password-repeat" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
