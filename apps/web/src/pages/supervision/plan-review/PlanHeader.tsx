import { SendOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag } from 'antd';
import { PLAN_STATUS } from '../../../labels';
import type { Plan } from './plan-review-queries';

/** Title, status and issuing details; the publish button while the office reviews a draft. */
export function PlanHeader({
  plan,
  draft,
  assignments,
  publishing,
  onPublish,
}: {
  plan: Plan;
  draft: boolean;
  /** How many tasks publishing will create, for the confirmation. */
  assignments: number;
  publishing: boolean;
  onPublish(): void;
}) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
      <div>
        <h1 className="page-title" style={{ marginBottom: 4 }} data-testid="plan-title">
          {plan.title}
        </h1>
        <Space wrap>
          <Tag color={PLAN_STATUS[plan.status]?.color} data-testid="plan-status">
            {PLAN_STATUS[plan.status]?.text}
          </Tag>
          {plan.documentNumber && <span>{plan.documentNumber}</span>}
          <span>{plan.jurisdiction.name}</span>
          {plan.periodStart && (
            <span>
              规划期 {plan.periodStart}—{plan.periodEnd}年
            </span>
          )}
        </Space>
      </div>
      {draft && (
        <Popconfirm
          title="发布规划"
          description={`发布后将按 ${assignments} 个责任分工生成任务并通知各单位，发布后不能再修改分工。确认发布？`}
          okText="确认发布"
          cancelText="取消"
          onConfirm={onPublish}
        >
          <Button type="primary" icon={<SendOutlined />} loading={publishing} data-testid="publish-button">
            发布规划
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
