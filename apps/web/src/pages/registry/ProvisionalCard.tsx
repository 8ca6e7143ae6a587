import { CheckOutlined, EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'wouter';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { RoleTag } from '../../components/tags';
import { graphql } from '../../graphql';
import type { Provisional } from './provisional-query';
import { useFunctionNames } from './registry-queries';

const CONFIRM = graphql(`
  mutation ConfirmDepartment($id: ID!) {
    confirmDepartment(id: $id) {
      id
      name
      provisional
    }
  }
`);

type Mention = Provisional['mentions'][number];

/** The mentions grouped by the plan that made them, in the order they came. */
function byPlan(mentions: readonly Mention[]): { planId: string; planTitle: string; measures: Mention[] }[] {
  const plans = new Map<string, { planId: string; planTitle: string; measures: Mention[] }>();
  for (const m of mentions) {
    const plan = plans.get(m.planId) ?? { planId: m.planId, planTitle: m.planTitle, measures: [] };
    plan.measures.push(m);
    plans.set(m.planId, plan);
  }
  return [...plans.values()];
}

/** One provisional department: how documents named it, where, and what to do with it. */
export function ProvisionalCard({
  provisional: p,
  onConfirmed,
  onRename,
  onMerge,
}: {
  provisional: Provisional;
  onConfirmed(): void;
  onRename(): void;
  onMerge(): void;
}) {
  const [confirm, confirming] = useMutation(CONFIRM);
  const { message } = App.useApp();
  const d = p.department;
  const functionName = useFunctionNames().get(d.functionCode) ?? d.functionCode;

  const doConfirm = async () => {
    try {
      await confirm({ id: d.id });
      message.success(`已确认 ${d.name} 为正式部门`);
      onConfirmed();
    } catch (e) {
      message.error(`确认失败：${asApiError(e).message}`);
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="provisional-card"
      title={
        <Space wrap size={4}>
          <span>{d.name}</span>
          <Tag>{d.jurisdiction.name}</Tag>
          <Tag color="gold">待确认</Tag>
        </Space>
      }
      extra={
        <Space wrap size={4}>
          <Popconfirm
            title={`确认「${d.name}」是${d.jurisdiction.name}的正式部门？`}
            description={`职能：${functionName}，确认后可在“行政区划与部门”中修改。`}
            okText="确认"
            cancelText="取消"
            onConfirm={doConfirm}
          >
            <Button size="small" type="primary" icon={<CheckOutlined />} loading={confirming}>
              确认为正式部门
            </Button>
          </Popconfirm>
          <Button size="small" icon={<MergeCellsOutlined />} onClick={onMerge}>
            并入已有部门
          </Button>
          <Button size="small" icon={<EditOutlined />} onClick={onRename}>
            更名
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        文中写法：
        {p.mentionedAs.map((m) => (
          <Tag key={m}>{m}</Tag>
        ))}
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          涉及任务 {p.taskCount} 项 · 职能 <span title={d.functionCode}>{functionName}</span>
        </Typography.Text>
      </Typography.Paragraph>
      {byPlan(p.mentions).map((plan) => (
        <div key={plan.planId} style={{ marginBottom: 4 }}>
          <Link to={`/plans/${plan.planId}`}>{plan.planTitle}</Link>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {plan.measures.map((m) => (
              <li key={`${m.measureId}:${m.role}`}>
                <RoleTag role={m.role} />
                <Typography.Text strong>{m.measureCode}</Typography.Text> {m.measureTitle}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}
