import { Descriptions } from 'antd';
import type { Plan } from './plan-review-queries';

/** The counts a reviewer checks before publishing: measures, assignments, inferred ones, warnings. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const measures = plan.measures;
  const assignments = measures.reduce((n, m) => n + m.assignments.length, 0);
  const inferred = measures.reduce((n, m) => n + m.assignments.filter((a) => !a.explicit).length, 0);
  return (
    <Descriptions
      size="small"
      style={{ margin: '12px 0' }}
      column={{ xs: 2, sm: 4 }}
      items={[
        { key: 'm', label: '措施', children: <span data-testid="measure-count">{measures.length}</span> },
        { key: 'a', label: '责任分工', children: assignments },
        { key: 'i', label: '其中推断', children: inferred },
        { key: 'w', label: '待核实提示', children: plan.importWarnings.length },
        ...(plan.status !== 'DRAFT' ? [{ key: 't', label: '任务', children: plan.taskCount }] : []),
      ]}
    />
  );
}
