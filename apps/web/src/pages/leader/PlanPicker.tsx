import { Select } from 'antd';
import { useQuery } from '../../api/hooks';
import { PUBLISHED_PLANS } from './plans-query';

/** A published plan, or (when allowed) all of them. */
export function PlanPicker({
  value,
  onChange,
  allowAll,
  placeholder,
}: {
  value: string | null;
  onChange(id: string | null): void;
  allowAll?: boolean;
  placeholder?: string;
}) {
  const plans = useQuery(PUBLISHED_PLANS, {});
  return (
    <Select
      style={{ width: 380, maxWidth: '100%' }}
      allowClear={allowAll}
      placeholder={placeholder ?? (allowAll ? '全部规划' : '选择规划')}
      aria-label="选择规划"
      loading={plans.loading}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      showSearch={{ optionFilterProp: 'label' }}
      options={(plans.data?.plans ?? []).map((p) => ({ value: p.id, label: p.title }))}
      notFoundContent={plans.error ? `加载失败：${plans.error.message}` : '还没有已发布的规划'}
    />
  );
}
