import { UserAddOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { JurisdictionSelect } from '../registry/JurisdictionSelect';
import { DepartmentSelect } from './DepartmentSelect';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UsersTable } from './UsersTable';
import { USERS, type UserRow } from './users-query';

/** 用户管理: the accounts of a jurisdiction or department; create, edit, deactivate, reset a password. */
export default function Users() {
  const [jurisdictionId, setJurisdictionId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const q = useQuery(USERS, { jurisdictionId, departmentId });
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const users = q.data?.users ?? [];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          用户管理
        </h1>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing('new')}>
          新增账号
        </Button>
      </Space>
      <Space style={{ marginBottom: 16 }} wrap>
        <JurisdictionSelect
          aria-label="按行政区划筛选"
          placeholder="全部行政区划"
          value={jurisdictionId}
          onChange={(id) => {
            setJurisdictionId(id);
            setDepartmentId(null);
          }}
          style={{ width: 220 }}
        />
        <DepartmentSelect
          aria-label="按部门筛选"
          placeholder="全部部门"
          jurisdictionId={jurisdictionId}
          value={departmentId}
          onChange={setDepartmentId}
          style={{ width: 260 }}
        />
      </Space>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!q.data}
        onRetry={q.reload}
        empty={!!q.data && users.length === 0}
        emptyText="没有账号"
      >
        <UsersTable users={users} onEdit={setEditing} onResetPassword={setResetting} onChanged={q.reload} />
      </PageState>
      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          defaults={{ jurisdictionId, departmentId }}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            q.reload();
          }}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </div>
  );
}
