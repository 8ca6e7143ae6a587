import { App, Card, List, Switch, Tag, Typography } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { graphql } from '../../graphql';
import { formatDateTime } from '../../labels';

const REPORTS = graphql(`
  query ReportPublicity($id: ID!) {
    task(id: $id) {
      id
      measure {
        id
        plan {
          id
          public
        }
      }
      reports {
        id
        submittedAt
        progressPercent
        narrative
        public
      }
    }
  }
`);

const SET_PUBLICITY = graphql(`
  mutation SetProgressReportPublicity($reportId: ID!, $public: Boolean!) {
    setProgressReportPublicity(reportId: $reportId, public: $public) {
      id
      public
    }
  }
`);

/**
 * 政务公开 per report, for the plan's office: a report marked 公开 shows its narrative (进展情况) on
 * the plan's public page — never its problems, next steps, evidence or author.
 */
export function ReportPublicity({ taskId }: { taskId: string }) {
  const q = useQuery(REPORTS, { id: taskId });
  const [setPublicity, busy] = useMutation(SET_PUBLICITY);
  const { message } = App.useApp();
  const task = q.data?.task;
  if (!task || task.reports.length === 0) return null;

  const toggle = async (reportId: string, next: boolean) => {
    try {
      await setPublicity({ reportId, public: next });
      q.setData((d) => ({
        ...d,
        task: d.task && {
          ...d.task,
          reports: d.task.reports.map((r) => (r.id === reportId ? { ...r, public: next } : r)),
        },
      }));
      message.success(next ? '该报告的进展情况已公开' : '已取消公开');
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  return (
    <Card title="政务公开" size="small" style={{ marginBottom: 16 }} data-testid="report-publicity">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {task.measure.plan.public
          ? '公开的报告只展示“进展情况”，不展示存在问题、下步计划、佐证材料和填报人。'
          : '本规划尚未公开；在规划页打开“政务公开”后，这里标为公开的报告才会对外展示。'}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={task.reports}
        renderItem={(r) => (
          <List.Item
            key={r.id}
            actions={[
              <Switch
                key="public"
                size="small"
                checked={r.public}
                loading={busy}
                onChange={(next) => toggle(r.id, next)}
                checkedChildren="公开"
                unCheckedChildren="公开"
                aria-label={`公开 ${formatDateTime(r.submittedAt)} 的报告`}
                data-testid="report-public-switch"
              />,
            ]}
          >
            <Typography.Text ellipsis style={{ maxWidth: 480 }}>
              <Tag>{formatDateTime(r.submittedAt)}</Tag>
              {r.progressPercent}% · {r.narrative}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
