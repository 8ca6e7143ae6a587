import { Space } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { DepartmentFormModal } from './DepartmentFormModal';
import { JurisdictionSelect } from './JurisdictionSelect';
import { MergeIntoExisting } from './MergeIntoExisting';
import { ProvisionalCard } from './ProvisionalCard';
import { PROVISIONAL, type Provisional } from './provisional-query';

/**
 * 待确认部门: units a document named that the registry did not know. Each is confirmed as a real
 * department, merged into the existing one it stands for, or renamed.
 */
export default function ProvisionalDepartments() {
  const [jurisdictionId, setJurisdictionId] = useState<string | null>(null);
  const q = useQuery(PROVISIONAL, { jurisdictionId });
  const [renaming, setRenaming] = useState<Provisional | null>(null);
  const [merging, setMerging] = useState<Provisional | null>(null);
  const list = q.data?.provisionalDepartments ?? [];
  const done = () => {
    setRenaming(null);
    setMerging(null);
    q.reload();
  };

  return (
    <div style={{ maxWidth: 1100 }}>
      <h1 className="page-title">待确认部门</h1>
      <Space style={{ marginBottom: 16 }} wrap>
        <span>行政区划</span>
        <JurisdictionSelect
          aria-label="行政区划"
          placeholder="全部"
          value={jurisdictionId}
          onChange={setJurisdictionId}
          style={{ width: 240 }}
        />
      </Space>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!q.data}
        onRetry={q.reload}
        empty={!!q.data && list.length === 0}
        emptyText="没有待确认的部门：导入的公文点名的单位都已在登记表中"
      >
        {list.map((p) => (
          <ProvisionalCard
            key={p.department.id}
            provisional={p}
            onConfirmed={q.reload}
            onRename={() => setRenaming(p)}
            onMerge={() => setMerging(p)}
          />
        ))}
      </PageState>
      {renaming && (
        <DepartmentFormModal
          edit={{ kind: 'edit', department: renaming.department }}
          onClose={() => setRenaming(null)}
          onSaved={done}
        />
      )}
      {merging && <MergeIntoExisting from={merging.department} onClose={() => setMerging(null)} onMerged={done} />}
    </div>
  );
}
