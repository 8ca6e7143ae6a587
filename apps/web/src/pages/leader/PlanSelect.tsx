import { Select } from 'antd';
import { AntdProvider } from '../../components/antd-provider';

export interface PlanOption {
  id: string;
  title: string;
  taskCount: number;
}

/**
 * The matrix's plan picker: antd's searchable Select, loaded after the heat map is on screen (Matrix.tsx
 * shows a look-alike until then), so antd's code and styles are not on the matrix's first paint.
 */
export default function PlanSelect(props: {
  plans: PlanOption[];
  loading: boolean;
  value: string | null;
  onChange(id: string): void;
  /** The look-alike had the focus before this arrived: take it over. */
  focusNow: boolean;
  /** The look-alike was clicked before this arrived: open at once. */
  openNow: boolean;
}) {
  const { plans, loading, value, onChange, focusNow, openNow } = props;
  return (
    <AntdProvider>
      <Select
        className="plan-select"
        placeholder="选择规划"
        aria-label="选择规划"
        loading={loading}
        value={value ?? undefined}
        onChange={onChange}
        autoFocus={focusNow || openNow}
        defaultOpen={openNow}
        showSearch={{ optionFilterProp: 'label' }}
        options={plans.map((p) => ({ value: p.id, label: `${p.title}（${p.taskCount} 项任务）` }))}
        data-testid="matrix-plan"
      />
    </AntdProvider>
  );
}
