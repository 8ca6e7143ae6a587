import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import type { Measure, Role } from './plan-review-queries';
import { ROLE_OPTIONS } from './review-rules';
import type { MeasureEdits } from './useMeasureEdits';

/** Adds a department the importer missed, with its role. */
export function AddAssignment({
  measure,
  departments,
  edits,
}: {
  measure: Measure;
  departments: { value: string; label: string }[];
  edits: MeasureEdits;
}) {
  const [newDept, setNewDept] = useState<string | undefined>();
  const [newRole, setNewRole] = useState<Role>('COOPERATING');
  return (
    <Space.Compact style={{ width: '100%', marginTop: 8 }}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="添加责任单位"
        aria-label={`为 ${measure.code} 添加责任单位`}
        options={departments}
        value={newDept}
        onChange={setNewDept}
        style={{ flex: 1, minWidth: 0 }}
        size="small"
      />
      <Select
        size="small"
        value={newRole}
        onChange={setNewRole}
        options={ROLE_OPTIONS}
        style={{ width: 84 }}
        aria-label="新增单位的角色"
      />
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!newDept || edits.busy}
        onClick={() =>
          newDept &&
          edits
            .addAssignment({ measureId: measure.id, departmentId: newDept, role: newRole })
            .then(() => setNewDept(undefined))
        }
      >
        添加
      </Button>
    </Space.Compact>
  );
}
