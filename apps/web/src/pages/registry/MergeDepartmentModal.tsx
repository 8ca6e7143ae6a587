import { Alert, App, Descriptions, Modal, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { graphql, type ResultOf } from '../../graphql';

const PREVIEW = graphql(`
  query PreviewDepartmentMerge($fromId: ID!, $intoId: ID!) {
    previewDepartmentMerge(fromId: $fromId, intoId: $intoId) {
      from {
        id
        name
      }
      into {
        id
        name
      }
      tasksMoved
      tasksKept
      usersMoved
      assignmentsMoved
      aliasesAdded
    }
  }
`);

const MERGE = graphql(`
  mutation MergeDepartments($fromId: ID!, $intoId: ID!) {
    mergeDepartments(fromId: $fromId, intoId: $intoId) {
      department {
        id
        name
      }
      tasksMoved
      usersMoved
    }
  }
`);

interface DepartmentRef {
  id: string;
  name: string;
  shortName: string;
  provisional: boolean;
}

/**
 * 合并部门 (机构改革, or a provisional name that is really an existing department): pick the department
 * that remains, see what moves before confirming.
 */
export function MergeDepartmentModal({
  from,
  candidates,
  onClose,
  onMerged,
}: {
  from: DepartmentRef;
  /** Departments of the same jurisdiction it may merge into. */
  candidates: readonly DepartmentRef[];
  onClose(): void;
  onMerged(intoId: string): void;
}) {
  const [intoId, setIntoId] = useState<string>();
  const preview = useQuery(PREVIEW, { fromId: from.id, intoId: intoId ?? '' }, { skip: !intoId });
  const [merge, merging] = useMutation(MERGE);
  const { message } = App.useApp();
  const p = intoId ? preview.data?.previewDepartmentMerge : undefined;

  const submit = async () => {
    if (!intoId) return;
    try {
      const r = await merge({ fromId: from.id, intoId });
      const { department, tasksMoved, usersMoved } = r.mergeDepartments;
      message.success(`已并入 ${department.name}：迁移任务 ${tasksMoved} 项、账号 ${usersMoved} 个`);
      onMerged(department.id);
    } catch (e) {
      message.error(`合并失败：${asApiError(e).message}`);
    }
  };

  return (
    <Modal
      open
      title={`合并部门：${from.name}`}
      okText="确认合并"
      okButtonProps={{ danger: true, disabled: !p || preview.loading }}
      cancelText="取消"
      confirmLoading={merging}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph>
        将 <strong>{from.name}</strong> 并入：
      </Typography.Paragraph>
      <Select
        aria-label="并入的部门"
        data-testid="merge-into"
        style={{ width: '100%', marginBottom: 16 }}
        placeholder="选择保留的部门"
        showSearch={{ optionFilterProp: 'label' }}
        value={intoId}
        onChange={setIntoId}
        options={candidates
          .filter((d) => d.id !== from.id)
          .map((d) => ({ value: d.id, label: d.provisional ? `${d.name}（待确认）` : d.name }))}
      />
      {intoId && preview.loading && <Skeleton active paragraph={{ rows: 3 }} />}
      {intoId && preview.error && (
        <Alert type="error" showIcon title="无法预览合并" description={preview.error.message} />
      )}
      {p && <MergePreview preview={p} />}
    </Modal>
  );
}

type Preview = ResultOf<typeof PREVIEW>['previewDepartmentMerge'];

function MergePreview({ preview: p }: { preview: Preview }) {
  return (
    <div data-testid="merge-preview">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="迁移的未办结任务">{p.tasksMoved} 项</Descriptions.Item>
        <Descriptions.Item label="迁移的责任分工">{p.assignmentsMoved} 条</Descriptions.Item>
        <Descriptions.Item label="迁移的账号">{p.usersMoved} 个</Descriptions.Item>
        <Descriptions.Item label="留在原部门的已办结任务">{p.tasksKept} 项（历年考核不变）</Descriptions.Item>
        <Descriptions.Item label={`成为 ${p.into.name} 的别名`}>
          {p.aliasesAdded.length ? p.aliasesAdded.map((a) => <Tag key={a}>{a}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        合并后 {p.from.name} 不再出现在部门列表中，其名称仍可在导入时识别为 {p.into.name}。此操作不能撤销。
      </Typography.Paragraph>
    </div>
  );
}
