import { EditOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { JURISDICTION_LEVEL } from '../../labels';
import { DepartmentFormModal, type DepartmentEdit } from './DepartmentFormModal';
import { MergeDepartmentModal } from './MergeDepartmentModal';
import { DEPARTMENTS, useFunctionNames, type Department, type Jurisdiction } from './registry-queries';

function NameList({ names }: { names: readonly string[] }) {
  return names.length ? (
    <>
      {names.map((n) => (
        <Tag key={n}>{n}</Tag>
      ))}
    </>
  ) : (
    <>—</>
  );
}

/** One jurisdiction: its name and aliases, and its departments with add, edit and merge. */
export function DepartmentsPanel({
  jurisdiction,
  onEditJurisdiction,
}: {
  jurisdiction: Jurisdiction;
  onEditJurisdiction(): void;
}) {
  const q = useQuery(DEPARTMENTS, { jurisdictionId: jurisdiction.id });
  const [edit, setEdit] = useState<DepartmentEdit | null>(null);
  const [merging, setMerging] = useState<Department | null>(null);
  const departments = q.data?.departments ?? [];
  const done = () => {
    setEdit(null);
    setMerging(null);
    q.reload();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={<span data-testid="jurisdiction-title">{jurisdiction.name}</span>}
        extra={
          <Button size="small" icon={<EditOutlined />} onClick={onEditJurisdiction}>
            编辑行政区划
          </Button>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="层级">
            {JURISDICTION_LEVEL[jurisdiction.level] ?? jurisdiction.level}
          </Descriptions.Item>
          <Descriptions.Item label="代码">{jurisdiction.key}</Descriptions.Item>
          <Descriptions.Item label="别名">
            <NameList names={jurisdiction.aliases} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={`部门（${departments.length}）`}
        extra={
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEdit({ kind: 'create', jurisdiction })}
          >
            新增部门
          </Button>
        }
      >
        <PageState
          loading={q.loading}
          error={q.error}
          hasData={!!q.data}
          onRetry={q.reload}
          empty={!!q.data && departments.length === 0}
          emptyText="尚无部门：新增部门，或通过登记表导入"
        >
          <DepartmentTable
            departments={departments}
            onEdit={(d) => setEdit({ kind: 'edit', department: d })}
            onMerge={setMerging}
          />
        </PageState>
      </Card>
      {edit && <DepartmentFormModal edit={edit} onClose={() => setEdit(null)} onSaved={done} />}
      {merging && (
        <MergeDepartmentModal
          from={merging}
          candidates={departments}
          onClose={() => setMerging(null)}
          onMerged={done}
        />
      )}
    </Space>
  );
}

function DepartmentTable({
  departments,
  onEdit,
  onMerge,
}: {
  departments: readonly Department[];
  onEdit(d: Department): void;
  onMerge(d: Department): void;
}) {
  const functions = useFunctionNames();
  return (
    <Table<Department>
      rowKey="id"
      size="small"
      data-testid="department-table"
      dataSource={departments as Department[]}
      pagination={departments.length > 30 ? { pageSize: 30 } : false}
      scroll={{ x: 780 }}
      columns={[
        {
          title: '部门全称',
          dataIndex: 'name',
          render: (name: string, d) => (
            <>
              {name}
              {d.provisional && (
                <Tag color="gold" style={{ marginLeft: 6 }}>
                  待确认
                </Tag>
              )}
            </>
          ),
        },
        { title: '简称', dataIndex: 'shortName', width: 140 },
        {
          title: '职能',
          dataIndex: 'functionCode',
          width: 120,
          render: (c: string) => <span title={c}>{functions.get(c) ?? c}</span>,
        },
        {
          title: '别名 / 曾用名',
          key: 'names',
          render: (_: unknown, d) => (
            <>
              <NameList names={d.aliases} />
              {d.formerNames.length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  曾用名：{d.formerNames.join('、')}
                </Typography.Text>
              )}
            </>
          ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 150,
          fixed: 'right',
          render: (_: unknown, d) => (
            <Space size={4}>
              <Button size="small" icon={<EditOutlined />} aria-label={`编辑 ${d.name}`} onClick={() => onEdit(d)}>
                编辑
              </Button>
              <Button
                size="small"
                icon={<MergeCellsOutlined />}
                aria-label={`合并 ${d.name}`}
                onClick={() => onMerge(d)}
              >
                合并
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
