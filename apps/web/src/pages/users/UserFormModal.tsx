import { App, Form, Input, Modal, Select } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { graphql } from '../../graphql';
import { USER_ROLE } from '../../labels';
import { JurisdictionSelect } from '../registry/JurisdictionSelect';
import { DepartmentSelect } from './DepartmentSelect';
import type { UserRole, UserRow } from './users-query';

const CREATE = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateUser($userId: ID!, $patch: UserPatch!) {
    updateUser(userId: $userId, patch: $patch) {
      id
      username
    }
  }
`);

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: UserRole;
  jurisdictionId: string | null;
  departmentId: string | null;
}

/** The roles the caller may hand out: a supervisor manages leaders' and liaisons' accounts only. */
function roleOptions(callerRole: UserRole) {
  const roles: UserRole[] =
    callerRole === 'ADMIN' ? ['LIAISON', 'LEADER', 'SUPERVISOR', 'ADMIN'] : ['LIAISON', 'LEADER'];
  return roles.map((r) => ({ value: r, label: USER_ROLE[r] ?? r }));
}

/** 新增账号, or change an account's name, role, jurisdiction or department (its sessions then end). */
export function UserFormModal({
  user,
  defaults,
  onClose,
  onSaved,
}: {
  /** The account to edit; a new one when absent. */
  user?: UserRow;
  defaults: { jurisdictionId: string | null; departmentId: string | null };
  onClose(): void;
  onSaved(): void;
}) {
  const caller = useUser();
  const [form] = Form.useForm<Values>();
  const [create, creating] = useMutation(CREATE);
  const [update, updating] = useMutation(UPDATE);
  const { message } = App.useApp();
  const jurisdictionId = Form.useWatch('jurisdictionId', form);
  const role = Form.useWatch('role', form);

  const submit = async () => {
    const v = await form.validateFields();
    const placement = { role: v.role, jurisdictionId: v.jurisdictionId, departmentId: v.departmentId };
    try {
      if (user) {
        await update({ userId: user.id, patch: { ...placement, displayName: v.displayName.trim() } });
        message.success(`已保存 ${user.username}`);
      } else {
        const input = {
          ...placement,
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          password: v.password,
        };
        const r = await create({ input });
        message.success(`已创建账号 ${r.createUser.username}`);
      }
      onSaved();
    } catch (e) {
      message.error(`保存失败：${asApiError(e).message}`);
    }
  };

  const initial: Partial<Values> = user
    ? {
        displayName: user.displayName,
        role: user.role,
        jurisdictionId: user.jurisdiction?.id ?? null,
        departmentId: user.department?.id ?? null,
      }
    : { role: 'LIAISON', ...defaults };

  return (
    <Modal
      open
      title={user ? `编辑账号：${user.username}` : '新增账号'}
      okText="保存"
      cancelText="取消"
      confirmLoading={creating || updating}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="user-form">
        {!user && (
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
          >
            <Input id="user-username" autoComplete="off" maxLength={64} />
          </Form.Item>
        )}
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input id="user-display-name" maxLength={100} />
        </Form.Item>
        {!user && (
          <Form.Item label="初始密码" name="password" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}>
            <Input.Password id="user-password" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select id="user-role" options={roleOptions(caller.role)} />
        </Form.Item>
        <Form.Item label="行政区划" name="jurisdictionId" rules={[{ required: true, message: '请选择行政区划' }]}>
          <JurisdictionSelect
            id="user-jurisdiction"
            onChange={(id) => form.setFieldsValue({ jurisdictionId: id, departmentId: null })}
          />
        </Form.Item>
        <Form.Item
          label="部门"
          name="departmentId"
          rules={[{ required: role === 'LIAISON', message: '联络员须属于一个部门' }]}
          extra={role === 'LIAISON' ? '联络员办理本部门的任务' : '可不选'}
        >
          <DepartmentSelect id="user-department" jurisdictionId={jurisdictionId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
