import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useQuery } from '../../api/hooks';
import { buildJurisdictionTree } from './jurisdiction-tree';
import { JURISDICTIONS } from './registry-queries';

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** A jurisdiction picked from the caller's tree, searchable by name. Usable inside an antd Form.Item. */
export function JurisdictionSelect({
  value,
  onChange,
  placeholder = '选择行政区划',
  allowClear = true,
  ...rest
}: Props) {
  const q = useQuery(JURISDICTIONS, {});
  const tree = useMemo(() => buildJurisdictionTree(q.data?.jurisdictions ?? []), [q.data]);
  return (
    <TreeSelect
      {...rest}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      loading={q.loading}
      placeholder={placeholder}
      treeData={tree}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      value={value ?? undefined}
      onChange={(id: string | undefined) => onChange?.(id ?? null)}
      popupMatchSelectWidth={false}
    />
  );
}
