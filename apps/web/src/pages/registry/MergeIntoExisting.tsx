import { Modal, Skeleton } from 'antd';
import { useQuery } from '../../api/hooks';
import { MergeDepartmentModal } from './MergeDepartmentModal';
import { DEPARTMENTS } from './registry-queries';

interface From {
  id: string;
  name: string;
  shortName: string;
  provisional: boolean;
  jurisdiction: { id: string };
}

/** The merge dialog for a department, offering the other departments of its own jurisdiction. */
export function MergeIntoExisting({ from, onClose, onMerged }: { from: From; onClose(): void; onMerged(): void }) {
  const q = useQuery(DEPARTMENTS, { jurisdictionId: from.jurisdiction.id });
  if (!q.data) {
    return (
      <Modal open title={`合并部门：${from.name}`} footer={null} onCancel={onClose}>
        {q.error ? q.error.message : <Skeleton active />}
      </Modal>
    );
  }
  return <MergeDepartmentModal from={from} candidates={q.data.departments} onClose={onClose} onMerged={onMerged} />;
}
