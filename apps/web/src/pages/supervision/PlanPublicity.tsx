import { Alert, App, Space, Switch, Typography } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { graphql } from '../../graphql';

const PUBLICITY = graphql(`
  query PlanPublicity($id: ID!) {
    plan(id: $id) {
      id
      public
    }
  }
`);

const SET_PUBLICITY = graphql(`
  mutation SetPlanPublicity($planId: ID!, $public: Boolean!) {
    setPlanPublicity(planId: $planId, public: $public) {
      id
      public
    }
  }
`);

/**
 * 政务公开 switch for the plan's office: a published plan's progress shown without login at
 * /public/plans/<id>. Departments, status and percent only; a report's narrative only when the
 * report is marked 公开 on its task page.
 */
export function PlanPublicity({ planId, status }: { planId: string; status: string }) {
  const q = useQuery(PUBLICITY, { id: planId });
  const [setPublicity, busy] = useMutation(SET_PUBLICITY);
  const { message } = App.useApp();
  const isPublic = q.data?.plan?.public ?? false;
  const link = `${window.location.origin}/public/plans/${planId}`;

  const toggle = async (next: boolean) => {
    try {
      const { setPlanPublicity } = await setPublicity({ planId, public: next });
      q.setData((d) => ({ ...d, plan: d.plan && { ...d.plan, public: setPlanPublicity.public } }));
      message.success(next ? '已公开落实情况' : '已取消公开');
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  if (status !== 'PUBLISHED' && !isPublic) return null;
  return (
    <Alert
      type={isPublic ? 'success' : 'info'}
      style={{ marginBottom: 16 }}
      data-testid="plan-publicity"
      title={
        <Space wrap>
          <Switch
            checked={isPublic}
            loading={busy || q.loading}
            onChange={toggle}
            aria-label="政务公开"
            data-testid="plan-publicity-switch"
          />
          <span>政务公开：{isPublic ? '公众无需登录即可查看各项措施的责任单位、状态和进度' : '未公开'}</span>
          {isPublic && (
            <Typography.Link href={link} target="_blank" rel="noreferrer noopener" copyable={{ text: link }}>
              {link}
            </Typography.Link>
          )}
        </Space>
      }
    />
  );
}
