import { Col, Empty, Row } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { DepartmentsPanel } from './DepartmentsPanel';
import { JurisdictionFormModal, type JurisdictionEdit } from './JurisdictionFormModal';
import { JurisdictionTreeCard } from './JurisdictionTreeCard';
import { JURISDICTIONS } from './registry-queries';

/** 行政区划与部门: the jurisdiction tree beside the departments of the one picked; add, edit, merge. */
export default function Registry() {
  const user = useUser();
  const q = useQuery(JURISDICTIONS, {});
  const list = q.data?.jurisdictions ?? [];
  const [picked, setPicked] = useState<string>();
  const [edit, setEdit] = useState<JurisdictionEdit | null>(null);
  // Until one is picked: the caller's own jurisdiction (a supervisor's city), else the first root.
  const selectedId =
    picked ?? list.find((j) => j.id === user.jurisdiction?.id)?.id ?? list.find((j) => !j.parent)?.id ?? list[0]?.id;
  const selected = list.find((j) => j.id === selectedId);

  return (
    <div>
      <h1 className="page-title">行政区划与部门</h1>
      <PageState loading={q.loading} error={q.error} hasData={!!q.data} onRetry={q.reload}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <JurisdictionTreeCard
              jurisdictions={list}
              selectedId={selectedId}
              onSelect={setPicked}
              onAdd={() => setEdit({ kind: 'create', parent: selected ?? null })}
            />
          </Col>
          <Col xs={24} lg={17}>
            {selected ? (
              <DepartmentsPanel
                key={selected.id}
                jurisdiction={selected}
                onEditJurisdiction={() => setEdit({ kind: 'edit', jurisdiction: selected })}
              />
            ) : (
              <Empty description="请在左侧选择行政区划" />
            )}
          </Col>
        </Row>
      </PageState>
      {edit && (
        <JurisdictionFormModal
          edit={edit}
          onClose={() => setEdit(null)}
          onSaved={(id) => {
            setEdit(null);
            setPicked(id);
            q.reload();
          }}
        />
      )}
    </div>
  );
}
