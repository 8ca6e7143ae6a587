import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { graphql } from '../../graphql';
import { USER_ROLE } from '../../labels';
import type { UserRow } from './users-query';

const SET_ACTIVE = graphql(`
  mutation SetUserActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) {
      id
      active
    }
  }
`);

/** A supervisor manages the accounts of leaders and liaisons; an administrator every account. */
function mayManage(callerRole: UserRow['role'], role: UserRow['role']): boolean {
  return callerRole === 'ADMIN' || role === 'LEADER' || role === 'LIAISON';
}

/** The accounts, with their actions. One's own account cannot be deactivated from here. */
export function UsersTable({
  users,
  onEdit,
  onResetPassword,
  onChanged,
}: {
  users: readonly UserRow[];
  onEdit(u: UserRow): void;
  onResetPassword(u: UserRow): void;
  onChanged(): void;
}) {
  const me = useUser();
  const [setActive] = useMutation(SET_ACTIVE);
  const [busy, setBusy] = useState<string>();
  const { message } = App.useApp();

  const toggle = async (u: UserRow) => {
    setBusy(u.id);
    try {
      await setActive({ userId: u.id, active: !u.active });
      message.success(u.active ? `已停用 ${u.username}` : `已启用 ${u.username}`);
      onChanged();
    } catch (e) {
      message.error(asApiError(e).message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Table<UserRow>
      rowKey="id"
      size="small"
      data-testid="users-table"
      dataSource={users as UserRow[]}
      pagination={users.length > 30 ? { pageSize: 30 } : false}
      scroll={{ x: 960 }}
      rowClassName={(u) => (u.active ? '' : 'row-inactive')}
      columns={[
        { title: '用户名', dataIndex: 'username', width: 150 },
        { title: '姓名', dataIndex: 'displayName', width: 140 },
        { title: '角色', dataIndex: 'role', width: 90, render: (r: string) => USER_ROLE[r] ?? r },
        { title: '部门', key: 'department', render: (_: unknown, u) => u.department?.name ?? '—' },
        { title: '行政区划', key: 'jurisdiction', width: 140, render: (_: unknown, u) => u.jurisdiction?.name ?? '—' },
        {
          title: '状态',
          dataIndex: 'active',
          width: 80,
          render: (active: boolean) => (active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>),
        },
        {
          title: '操作',
          key: 'actions',
          width: 230,
          render: (_: unknown, u) =>
            !mayManage(me.role, u.role) ? (
              <Typography.Text type="secondary">由管理员维护</Typography.Text>
            ) : (
              <Space size={4}>
                <Button size="small" onClick={() => onEdit(u)} aria-label={`编辑 ${u.username}`}>
                  编辑
                </Button>
                <Button size="small" onClick={() => onResetPassword(u)} aria-label={`重置 ${u.username} 的密码`}>
                  重置密码
                </Button>
                {u.id !== me.id && (
                  <Popconfirm
                    title={u.active ? `停用 ${u.displayName}？` : `启用 ${u.displayName}？`}
                    description={u.active ? '停用后该账号立即无法登录，已登录的会话也会失效。' : undefined}
                    okText={u.active ? '停用' : '启用'}
                    cancelText="取消"
                    onConfirm={() => toggle(u)}
                  >
                    <Button size="small" danger={u.active} loading={busy === u.id}>
                      {u.active ? '停用' : '启用'}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}
