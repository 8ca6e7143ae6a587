import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useQuery } from '../../api/hooks';
import { DEPARTMENTS } from '../registry/registry-queries';

interface Props {
  jurisdictionId: string | null | undefined;
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** A department of one jurisdiction (none to pick until the jurisdiction is chosen). Usable in a Form.Item. */
export function DepartmentSelect({ jurisdictionId, value, onChange, placeholder = '选择部门', ...rest }: Props) {
  const q = useQuery(DEPARTMENTS, { jurisdictionId: jurisdictionId ?? null }, { skip: !jurisdictionId });
  return (
    <Select
      {...rest}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!jurisdictionId}
      loading={q.loading}
      placeholder={jurisdictionId ? placeholder : '请先选择行政区划'}
      value={value ?? undefined}
      onChange={(id: string | undefined) => onChange?.(id ?? null)}
      options={(q.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
